import type { FriendStatus } from "@kabinet/contracts";

/** What I can do about where I stand with someone. */
export type FriendAction = "add" | "cancel" | "accept" | "decline" | "unfriend";

/**
 * The API call behind each action: asking someone who asked me first makes us friends, and
 * one removal cancels my request, declines theirs or ends the friendship.
 */
export const callOf: Record<FriendAction, "request" | "remove"> = {
  add: "request",
  accept: "request",
  cancel: "remove",
  decline: "remove",
  unfriend: "remove",
};

/** The actions a person's page offers for our status, the one to do most likely first. */
export function actionsFor(status: FriendStatus): FriendAction[] {
  switch (status) {
    case "none":
      return ["add"];
    case "pending_outgoing":
      return ["cancel"];
    case "pending_incoming":
      return ["accept", "decline"];
    case "friends":
      return ["unfriend"];
  }
}

/** Ending a friendship is the one action that asks first: undoing it takes the other's consent. */
export const asksFirst = (action: FriendAction) => action === "unfriend";

/** My lists a change of status shows in: requests hold the pending ones, friends the others. */
export type FriendListName = "requests" | "friends";

/** The lists to load again after our status went from `before` to `after`. */
export function listsChanged(before: FriendStatus, after: FriendStatus): FriendListName[] {
  if (before === after) return [];
  const lists: FriendListName[] = [];
  const pending = (status: FriendStatus) => status.startsWith("pending_");
  if (pending(before) || pending(after)) lists.push("requests");
  if (before === "friends" || after === "friends") lists.push("friends");
  return lists;
}

/** What an action on the friends page came to, as the page reports it. */
export type FriendOutcome = "sent" | "friends" | "declined" | "cancelled" | "unfriended";

/**
 * The report of an action by the status it left: asking may make us friends at once (they had
 * asked too), and a removal says whose request ended, or that the friendship did.
 */
export function outcomeOf(action: FriendAction, after: FriendStatus): FriendOutcome {
  if (after === "friends") return "friends";
  if (after !== "none") return "sent";
  if (action === "decline") return "declined";
  if (action === "unfriend") return "unfriended";
  return "cancelled";
}
