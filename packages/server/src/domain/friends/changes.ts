import type { AuditAction, FriendRelation } from "@kabinet/contracts";
import { and, eq, schema, sql } from "@kabinet/db";

import { auditByCaller } from "../audit-caller.ts";
import type { Context } from "../context.ts";
import { consumeLimit } from "../limits.ts";
import { assertOtherPerson, pairIs, readRelation, statusOf } from "./relation.ts";

const { friendships } = schema;

/** A relation changed under us at most this many times in a row before we answer as it is. */
const ATTEMPTS = 4;

/**
 * Asks `other` to be friends, or accepts their request if they asked first. Sending again
 * changes nothing. Concurrent sends meet at the unique index on the pair: one request is
 * created, the others find it and answer with it; two people asking each other at the same
 * instant end up friends, once.
 *
 * A new request takes one from the caller's hourly allowance before it is inserted (the
 * limiter's counter is incremented atomically, so racing sends cannot all slip under the
 * limit); a send that then creates nothing, having lost such a race, gives it back.
 */
export async function sendFriendRequest(
  ctx: Context<"user">,
  other: number,
): Promise<FriendRelation> {
  await assertOtherPerson(ctx, other);
  const { services } = ctx;
  const { db } = services;
  const me = ctx.principal.userId;
  let row = await readRelation(db, me, other);
  for (let attempt = 1; attempt < ATTEMPTS; attempt++) {
    if (!row) {
      await consumeLimit(services, "friendRequest", String(me));
      const created = await db.transaction(async (tx) => {
        const inserted = await tx
          .insert(friendships)
          .values({ requesterId: me, addresseeId: other, status: "pending" })
          .onConflictDoNothing()
          .returning({ since: friendships.since });
        if (inserted.length === 0) return false;
        await auditByCaller(ctx, tx, { action: "friend.requested", userId: other });
        return true;
      });
      if (created) return { user_id: other, status: "pending_outgoing" };
      await services.limits.friendRequest.refund(String(me));
    } else if (statusOf(row, me) === "pending_incoming") {
      const accepted = await db.transaction(async (tx) => {
        const updated = await tx
          .update(friendships)
          .set({ status: "accepted", since: sql`now()` })
          .where(
            and(
              pairIs(me, other),
              eq(friendships.status, "pending"),
              eq(friendships.requesterId, other),
            ),
          )
          .returning({ since: friendships.since });
        if (updated.length === 0) return false;
        await auditByCaller(ctx, tx, { action: "friend.accepted", userId: other });
        return true;
      });
      if (accepted) return { user_id: other, status: "friends" };
    } else {
      return { user_id: other, status: statusOf(row, me) };
    }
    row = await readRelation(db, me, other);
  }
  return { user_id: other, status: statusOf(row, me) };
}

/** Cancels my request, declines theirs or ends our friendship; nothing to remove is no change. */
export async function removeFriend(ctx: Context<"user">, other: number): Promise<FriendRelation> {
  await assertOtherPerson(ctx, other);
  const me = ctx.principal.userId;
  await ctx.services.db.transaction(async (tx) => {
    const [removed] = await tx.delete(friendships).where(pairIs(me, other)).returning();
    if (!removed) return;
    const action: AuditAction =
      removed.status === "accepted"
        ? "friend.removed"
        : removed.requesterId === me
          ? "friend.request_cancelled"
          : "friend.request_declined";
    await auditByCaller(ctx, tx, { action, userId: other });
  });
  return { user_id: other, status: "none" };
}

export async function friendStatus(ctx: Context<"user">, other: number): Promise<FriendRelation> {
  await assertOtherPerson(ctx, other);
  const me = ctx.principal.userId;
  return { user_id: other, status: statusOf(await readRelation(ctx.services.db, me, other), me) };
}
