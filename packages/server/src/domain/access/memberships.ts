import { asc, eq, inArray, schema, sql, type Executor } from "@kabinet/db";

import type { GroupGrant } from "./permissions.ts";

const { groups, groupMembers } = schema;

/**
 * A user's groups as one JSON column, for selects that read accounts: memberships come with
 * the row instead of a query per user. The outer query must read the `users` table unaliased
 * (spelled out: drizzle leaves columns unqualified in single-table selects).
 */
export const groupsOfUser = sql<GroupGrant[]>`coalesce((
  select json_agg(json_build_object('id', g.id, 'name', g.name, 'permissions', g.permissions) order by g.name)
  from ${groupMembers} m join ${groups} g on g.id = m.group_id
  where m.user_id = "users"."id"
), '[]'::json)`.mapWith(
  (value: unknown) => (typeof value === "string" ? JSON.parse(value) : value) as GroupGrant[],
);

/** Groups of many users in one query, by user id. */
export async function loadMemberships(
  db: Executor,
  userIds: readonly number[],
): Promise<Map<number, GroupGrant[]>> {
  const byUser = new Map<number, GroupGrant[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return byUser;
  const rows = await db
    .select({
      userId: groupMembers.userId,
      id: groups.id,
      name: groups.name,
      permissions: groups.permissions,
    })
    .from(groupMembers)
    .innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .where(inArray(groupMembers.userId, [...userIds]))
    .orderBy(asc(groups.name));
  for (const { userId, ...group } of rows) byUser.get(userId)?.push(group);
  return byUser;
}
