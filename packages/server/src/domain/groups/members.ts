import type { UserSummary } from "@kabinet/contracts";
import { and, asc, eq, gt, schema, type Executor } from "@kabinet/db";

import { toUserSummary } from "../accounts/user-view.ts";
import { auditByCaller } from "../audit-caller.ts";
import type { Context } from "../context.ts";
import { AppError } from "../errors.ts";
import { decodeCursor, encodeCursor, takePage } from "../paging.ts";
import { assertMayChangeGroup, findGroup } from "./groups.ts";

const { users, groupMembers } = schema;

export async function listMembers(
  ctx: Context<"user">,
  query: { id: number; limit: number; cursor?: string },
): Promise<{ items: UserSummary[]; next_cursor: string | null }> {
  const { db } = ctx.services;
  await findGroup(db, query.id);
  const after = decodeCursor(query.cursor, "member");
  const rows = await db
    .select({
      id: users.id,
      login: users.login,
      firstName: users.firstName,
      lastName: users.lastName,
      role: users.role,
      state: users.state,
    })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(
      and(
        eq(groupMembers.groupId, query.id),
        after ? gt(groupMembers.userId, after.id) : undefined,
      ),
    )
    .orderBy(asc(groupMembers.userId))
    .limit(query.limit + 1);
  const page = takePage(rows, query.limit, (last) => encodeCursor("member", "", last.id));
  return { items: page.rows.map(toUserSummary), next_cursor: page.nextCursor };
}

async function liveUser(db: Executor, userId: number) {
  const [user] = await db.select({ state: users.state }).from(users).where(eq(users.id, userId));
  if (!user || user.state === "deleted") throw new AppError("user_not_found");
}

/**
 * The group a membership changes, locked so that what it grants cannot change between the
 * check and the change; read-only to a caller who does not hold all it grants.
 */
async function changeableGroup(ctx: Context<"user">, tx: Executor, groupId: number) {
  const group = await findGroup(tx, groupId, true);
  assertMayChangeGroup(ctx.principal, group);
  return group;
}

/** Idempotent: adding a member twice changes and logs nothing the second time. */
export async function addMember(
  ctx: Context<"user">,
  groupId: number,
  userId: number,
): Promise<void> {
  const { services } = ctx;
  await services.db.transaction(async (tx) => {
    const group = await changeableGroup(ctx, tx, groupId);
    await liveUser(tx, userId);
    const added = await tx
      .insert(groupMembers)
      .values({ groupId, userId })
      .onConflictDoNothing()
      .returning();
    if (added.length === 0) return;
    await auditByCaller(ctx, tx, {
      action: "group.member_added",
      userId,
      groupId,
      details: { group: group.name },
    });
  });
}

export async function removeMember(
  ctx: Context<"user">,
  groupId: number,
  userId: number,
): Promise<void> {
  const { services } = ctx;
  await services.db.transaction(async (tx) => {
    const group = await changeableGroup(ctx, tx, groupId);
    const removed = await tx
      .delete(groupMembers)
      .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId)))
      .returning();
    if (removed.length === 0)
      throw new AppError("user_not_found", "The user is not a member of this group");
    await auditByCaller(ctx, tx, {
      action: "group.member_removed",
      userId,
      groupId,
      details: { group: group.name },
    });
  });
}
