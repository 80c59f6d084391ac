import { describe, expect, it } from "vitest";

import { FriendStatus } from "@kabinet/contracts";

import { initialsOf } from "../src/components/UserAvatar.tsx";
import {
  actionsFor,
  asksFirst,
  callOf,
  listsChanged,
  outcomeOf,
} from "../src/friends/friendship.ts";
import { requestCountLabel } from "../src/friends/request-count.ts";
import { searchableName } from "../src/people/people-search.ts";

describe("friendship actions", () => {
  it("offers what fits where I stand with someone", () => {
    expect(actionsFor("none")).toEqual(["add"]);
    expect(actionsFor("pending_outgoing")).toEqual(["cancel"]);
    expect(actionsFor("pending_incoming")).toEqual(["accept", "decline"]);
    expect(actionsFor("friends")).toEqual(["unfriend"]);
  });

  it("asks or accepts with a request, and ends everything else with a removal", () => {
    expect(callOf).toEqual({
      add: "request",
      accept: "request",
      cancel: "remove",
      decline: "remove",
      unfriend: "remove",
    });
  });

  it("asks for confirmation only before ending a friendship", () => {
    const actions = FriendStatus.options.flatMap(actionsFor);
    expect(actions.filter(asksFirst)).toEqual(["unfriend"]);
  });

  it("reloads only the lists a change of status shows in", () => {
    expect(listsChanged("none", "pending_outgoing")).toEqual(["requests"]);
    expect(listsChanged("pending_outgoing", "none")).toEqual(["requests"]);
    expect(listsChanged("pending_incoming", "none")).toEqual(["requests"]);
    expect(listsChanged("pending_incoming", "friends")).toEqual(["requests", "friends"]);
    // They had asked meanwhile: my request made us friends at once.
    expect(listsChanged("none", "friends")).toEqual(["friends"]);
    expect(listsChanged("friends", "none")).toEqual(["friends"]);
    expect(listsChanged("friends", "friends")).toEqual([]);
  });

  it("reports an action by the status it left", () => {
    expect(outcomeOf("add", "pending_outgoing")).toBe("sent");
    expect(outcomeOf("add", "friends")).toBe("friends");
    expect(outcomeOf("accept", "friends")).toBe("friends");
    expect(outcomeOf("decline", "none")).toBe("declined");
    expect(outcomeOf("cancel", "none")).toBe("cancelled");
    expect(outcomeOf("unfriend", "none")).toBe("unfriended");
  });
});

describe("the menu's count of friend requests", () => {
  const page = (count: number, next_cursor: string | null = null) => ({
    items: Array.from({ length: count }, (_, id) => ({ id })),
    next_cursor,
  });

  it("is absent without requests, and counts a few", () => {
    expect(requestCountLabel(page(0))).toBeNull();
    expect(requestCountLabel(page(3))).toBe("3");
    expect(requestCountLabel(page(9))).toBe("9");
  });

  it("says only that there are more than it counts", () => {
    expect(requestCountLabel(page(9, "abc"))).toBe("9+");
  });
});

describe("people search", () => {
  it("searches from four characters, trimmed", () => {
    expect(searchableName("  ann ")).toBeNull();
    expect(searchableName("  anna ")).toBe("anna");
    expect(searchableName("Смир")).toBe("Смир");
    expect(searchableName("x".repeat(80))).toHaveLength(64);
  });
});

describe("initials", () => {
  it("takes the first letters of the first two words", () => {
    expect(initialsOf("Анна Смирнова")).toBe("АС");
    expect(initialsOf("nina")).toBe("N");
    expect(initialsOf("  Jean Paul Sartre ")).toBe("JP");
    expect(initialsOf("")).toBe("");
  });
});
