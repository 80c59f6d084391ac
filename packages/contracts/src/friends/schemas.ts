import { z } from "zod";

import { Cursor, page, PageLimit, Timestamp, UserId } from "../core/primitives.ts";
import { PublicProfile } from "../profiles/schemas.ts";

/** Where the caller stands with another person, seen from the caller's side. */
export const FriendStatus = z.enum(["none", "pending_outgoing", "pending_incoming", "friends"]);
export type FriendStatus = z.infer<typeof FriendStatus>;

export const FriendRelation = z
  .object({ user_id: UserId, status: FriendStatus })
  .meta({ id: "FriendRelation" });
export type FriendRelation = z.infer<typeof FriendRelation>;

/** Who a friend or a requester is: their public profile's card, without the bio. */
const PersonCard = PublicProfile.pick({
  user_id: true,
  display_name: true,
  pic: true,
  confirmed: true,
  karma: true,
});

export const Friend = PersonCard.extend({
  since: Timestamp.meta({
    description: "When the request was accepted (for a pending one: when it was sent)",
  }),
  pending: z.boolean().meta({
    description:
      "true for a request the caller sent that is not answered yet (listed only with `include_outgoing`)",
  }),
}).meta({ id: "Friend" });
export type Friend = z.infer<typeof Friend>;

export const RequestDirection = z.enum(["incoming", "outgoing"]);
export type RequestDirection = z.infer<typeof RequestDirection>;

export const FriendRequest = PersonCard.extend({
  direction: RequestDirection.meta({
    description: "`incoming`: they asked the caller; `outgoing`: the caller asked them",
  }),
  requested_at: Timestamp,
}).meta({ id: "FriendRequest" });
export type FriendRequest = z.infer<typeof FriendRequest>;

export const FriendListQuery = z.object({
  include_outgoing: z.boolean().default(false).meta({
    description: "Also list the people I asked who have not answered yet, flagged `pending`",
  }),
  limit: PageLimit,
  cursor: Cursor.optional(),
});
export type FriendListQuery = z.infer<typeof FriendListQuery>;

export const FriendRequestsQuery = z.object({
  direction: RequestDirection.default("incoming"),
  limit: PageLimit,
  cursor: Cursor.optional(),
});
export type FriendRequestsQuery = z.infer<typeof FriendRequestsQuery>;

export const FriendList = page(Friend);
export const FriendRequestList = page(FriendRequest);
