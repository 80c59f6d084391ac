import { z } from "zod";

import { defineOperations } from "../core/operation.ts";
import { UserId } from "../core/primitives.ts";
import {
  FriendList,
  FriendListQuery,
  FriendRelation,
  FriendRequestList,
  FriendRequestsQuery,
} from "./schemas.ts";

const other = z.object({ user_id: UserId });

/**
 * The caller's friends and friend requests. Blocked and removed people do not appear and
 * cannot be asked (`user_not_found`); one's own id is refused.
 */
export const friends = defineOperations({
  list: {
    method: "GET",
    path: "/friends",
    summary: "My friends",
    description:
      "Most recent friendships first. With `include_outgoing`, the requests I sent that wait for an answer are listed among them (by when they were sent), flagged `pending`.",
    auth: "user",
    input: FriendListQuery,
    output: FriendList,
    errors: [],
  },
  requests: {
    method: "GET",
    path: "/friends/requests",
    summary: "Friend requests waiting for an answer",
    description:
      "`incoming` (the default): people who asked me; `outgoing`: people I asked. Most recent first.",
    auth: "user",
    input: FriendRequestsQuery,
    output: FriendRequestList,
    errors: [],
  },
  status: {
    method: "GET",
    path: "/friends/:user_id",
    summary: "Where I stand with someone",
    auth: "user",
    input: other,
    output: FriendRelation,
    errors: ["user_not_found"],
  },
  request: {
    method: "POST",
    path: "/friends/:user_id",
    summary: "Ask someone to be friends",
    description:
      "If they already asked me, we become friends at once. Sending again answers the current state and changes nothing. New requests are limited per person (`FRIEND_REQUESTS_PER_HOUR`).",
    auth: "user",
    input: other,
    output: FriendRelation,
    errors: ["user_not_found"],
  },
  remove: {
    method: "DELETE",
    path: "/friends/:user_id",
    summary: "Cancel, decline or unfriend",
    description:
      "Cancels my request, declines theirs, or ends our friendship; with nothing between us it changes nothing. Answers `none`.",
    auth: "user",
    input: other,
    output: FriendRelation,
    errors: ["user_not_found"],
  },
});
