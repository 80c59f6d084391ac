import {
  mayChangeGroup,
  permissionsNotHeld,
  type CreateGroupInput,
  type Group,
  type GroupPatch,
} from "@kabinet/contracts";
import { and, asc, eq, schema, sql, type Executor, type SQL } from "@kabinet/db";

import { holderOf } from "../access/permissions.ts";
import { auditByCaller } from "../audit-caller.ts";
import type { Context, Principal } from "../context.ts";
import { uniqueViolation } from "../db-errors.ts";
import { AppError } from "../errors.ts";
import { decodeCursor, encodeCursor, likeContains, takePage } from "../paging.ts";
import { changedFields } from "../patch.ts";

const { groups, groupMembers } = schema;

const memberCount = sql<number>`(select count(*)::int from ${groupMembers} where ${groupMembers.groupId} = ${groups.id})`;
const nameKey = sql`lower(${groups.name})`;

type GroupRow = typeof groups.$inferSelect & { memberCount: number };

function toGroup(row: GroupRow): Group {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    permissions: row.permissions,
    member_count: row.memberCount,
    created_at: row.createdAt.toISOString(),
  };
}

function selectGroups(db: Executor) {
  return db
    .select({
      id: groups.id,
      name: groups.name,
      description: groups.description,
      permissions: groups.permissions,
      createdAt: groups.createdAt,
      memberCount,
      sortValue: sql<string>`${nameKey}`,
    })
    .from(groups);
}

export async function findGroup(db: Executor, id: number, lock = false): Promise<GroupRow> {
  const query = selectGroups(db).where(eq(groups.id, id));
  const [row] = lock ? await query.for("update", { of: groups }) : await query;
  if (!row) throw new AppError("group_not_found");
  return row;
}

/**
 * A group that grants anything the caller does not hold is read-only to them: no edits, no
 * member changes, no delete. Otherwise managing groups would let them join (or reshape) a group
 * that raises them above what they hold.
 */
export function assertMayChangeGroup(
  principal: Principal,
  group: { name: string; permissions: readonly string[] },
): void {
  const caller = holderOf(principal);
  if (mayChangeGroup(caller, group)) return;
  const missing = permissionsNotHeld(caller, group.permissions);
  throw new AppError(
    "forbidden",
    `You may not change the group "${group.name}" or its members: it grants ${missing.join(", ")}, which you do not hold`,
  );
}

/** A group is given only permissions the caller holds, machine permissions included. */
function assertMayGrant(principal: Principal, permissions: readonly string[]): void {
  const missing = permissionsNotHeld(holderOf(principal), permissions);
  if (missing.length > 0)
    throw new AppError(
      "forbidden",
      `You may not grant permissions you do not hold: ${missing.join(", ")}`,
    );
}

function nameConflict(error: unknown): unknown {
  return uniqueViolation(error) === "groups_name_lower_key"
    ? new AppError("group_name_taken")
    : error;
}

export async function listGroups(
  ctx: Context<"user">,
  query: { q?: string; limit: number; cursor?: string },
) {
  const after = decodeCursor(query.cursor, "name");
  const where: SQL[] = [];
  if (query.q) where.push(sql`${nameKey} like ${likeContains(query.q.toLowerCase())}`);
  if (after)
    where.push(sql`(${nameKey}, ${groups.id}) > (${after.sortValue}, ${after.id}::integer)`);
  const rows = await selectGroups(ctx.services.db)
    .where(and(...where))
    .orderBy(asc(nameKey), asc(groups.id))
    .limit(query.limit + 1);
  const page = takePage(rows, query.limit, (last) => encodeCursor("name", last.sortValue, last.id));
  return { items: page.rows.map(toGroup), next_cursor: page.nextCursor };
}

export async function getGroup(ctx: Context<"user">, id: number): Promise<Group> {
  return toGroup(await findGroup(ctx.services.db, id));
}

export async function createGroup(ctx: Context<"user">, input: CreateGroupInput): Promise<Group> {
  const { services, principal } = ctx;
  assertMayGrant(principal, input.permissions);
  try {
    return await services.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(groups)
        .values({
          name: input.name,
          description: input.description ?? null,
          permissions: input.permissions,
        })
        .returning();
      await auditByCaller(ctx, tx, {
        action: "group.created",
        groupId: row!.id,
        details: { name: row!.name, permissions: row!.permissions },
      });
      return toGroup({ ...row!, memberCount: 0 });
    });
  } catch (error) {
    throw nameConflict(error);
  }
}

export async function updateGroup(
  ctx: Context<"user">,
  id: number,
  patch: GroupPatch,
): Promise<Group> {
  const { services, principal } = ctx;
  try {
    return await services.db.transaction(async (tx) => {
      const current = await findGroup(tx, id, true);
      assertMayChangeGroup(principal, current);
      const fields = changedFields(patch);
      if (fields.length === 0) return toGroup(current);
      if (patch.permissions) assertMayGrant(principal, patch.permissions);
      const added = (patch.permissions ?? []).filter((p) => !current.permissions.includes(p));
      const removed = patch.permissions
        ? current.permissions.filter((p) => !patch.permissions!.includes(p))
        : [];
      const [row] = await tx
        .update(groups)
        .set({ name: patch.name, description: patch.description, permissions: patch.permissions })
        .where(eq(groups.id, id))
        .returning();
      await auditByCaller(ctx, tx, {
        action: "group.updated",
        groupId: id,
        details: { fields, permissions_added: added, permissions_removed: removed },
      });
      return toGroup({ ...row!, memberCount: current.memberCount });
    });
  } catch (error) {
    throw nameConflict(error);
  }
}

export async function removeGroup(ctx: Context<"user">, id: number): Promise<void> {
  const { services, principal } = ctx;
  await services.db.transaction(async (tx) => {
    const current = await findGroup(tx, id, true);
    assertMayChangeGroup(principal, current);
    await tx.delete(groups).where(eq(groups.id, id));
    await auditByCaller(ctx, tx, {
      action: "group.deleted",
      groupId: id,
      details: {
        name: current.name,
        permissions: current.permissions,
        members: current.memberCount,
      },
    });
  });
}
