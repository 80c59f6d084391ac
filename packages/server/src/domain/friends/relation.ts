import type { FriendStatus } from "@kabinet/contracts";
import { and, eq, schema, sql, type Executor, type SQL } from "@kabinet/db";

import type { Context } from "../context.ts";
import { AppError } from "../errors.ts";
import { isFindable } from "../profiles/visibility.ts";

const { friendships, users } = schema;

export type RelationRow = typeof friendships.$inferSelect;

/** The pair of two people, in the terms of the unique index on it (smaller id, larger id). */
export function pairIs(a: number, b: number): SQL {
  return sql`least(${friendships.requesterId}, ${friendships.addresseeId}) = ${Math.min(a, b)}::integer and greatest(${friendships.requesterId}, ${friendships.addresseeId}) = ${Math.max(a, b)}::integer`;
}

export async function readRelation(
  db: Executor,
  me: number,
  other: number,
): Promise<RelationRow | undefined> {
  const [row] = await db.select().from(friendships).where(pairIs(me, other));
  return row;
}

/** A relation as the caller sees it. */
export function statusOf(row: RelationRow | undefined, me: number): FriendStatus {
  if (!row) return "none";
  if (row.status === "accepted") return "friends";
  return row.requesterId === me ? "pending_outgoing" : "pending_incoming";
}

/**
 * The other person of a friends operation: not the caller, and someone others can find.
 * Blocked and removed accounts do not exist here, for holders of `users:read` too: nobody
 * befriends them.
 */
export async function assertOtherPerson(ctx: Context<"user">, other: number): Promise<void> {
  if (other === ctx.principal.userId)
    throw AppError.invalid("user_id", "That is you: one cannot befriend oneself");
  const [found] = await ctx.services.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, other), isFindable));
  if (!found) throw new AppError("user_not_found");
}
