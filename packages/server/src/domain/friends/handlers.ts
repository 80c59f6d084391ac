import type { GroupHandlers } from "../context.ts";
import { friendStatus, removeFriend, sendFriendRequest } from "./changes.ts";
import { listFriendRequests, listFriends } from "./lists.ts";

/** The caller's friends and friend requests. */
export const friendsHandlers: GroupHandlers<"friends"> = {
  list: listFriends,
  requests: listFriendRequests,
  status: (ctx, input) => friendStatus(ctx, input.user_id),
  request: (ctx, input) => sendFriendRequest(ctx, input.user_id),
  remove: (ctx, input) => removeFriend(ctx, input.user_id),
};
