import type { User, UserListQuery } from "@kabinet/contracts";
import { and, asc, desc, eq, ne, schema, sql, type SQL } from "@kabinet/db";

import { groupsOfUser } from "../access/memberships.ts";
import { toUser } from "../accounts/user-view.ts";
import type { Context } from "../context.ts";
import { decodeCursor, encodeCursor, likeContains, takePage } from "../paging.ts";

const { users, groupMembers } = schema;

/** Each sort key as the expression its index is built on (see the users table). */
const sortExpressions = {
  created_at: { expr: sql`${users.createdAt}`, cast: sql`timestamptz` },
  login: { expr: sql`${users.login}`, cast: sql`text` },
  last_activity_at: {
    expr: sql`coalesce(${users.lastActivityAt}, '-infinity'::timestamptz)`,
    cast: sql`timestamptz`,
  },
} as const;

function filters(query: UserListQuery): SQL[] {
  const where: SQL[] = [];
  where.push(query.state ? eq(users.state, query.state) : ne(users.state, "deleted"));
  if (query.role) where.push(eq(users.role, query.role));
  if (query.group_id !== undefined) {
    where.push(
      sql`exists (select 1 from ${groupMembers} m where m.user_id = "users"."id" and m.group_id = ${query.group_id})`,
    );
  }
  if (query.q) where.push(sql`${users.searchText} like ${likeContains(query.q.toLowerCase())}`);
  return where;
}

/**
 * The admin users list: filters, one of three sorts in either direction, keyset paging on
 * (sort key, id) so every page costs the same, and the total of matches.
 */
export async function listUsers(
  ctx: Context<"user">,
  query: UserListQuery,
): Promise<{ items: User[]; next_cursor: string | null; total: number }> {
  const { db } = ctx.services;
  const ordering = `${query.sort}:${query.order}`;
  const { expr, cast } = sortExpressions[query.sort];
  const after = decodeCursor(query.cursor, ordering);
  const where = filters(query);
  const pageWhere = [...where];
  if (after) {
    const position = sql`(${expr}, ${users.id})`;
    const last = sql`(${after.sortValue}::${cast}, ${after.id}::integer)`;
    pageWhere.push(
      query.order === "desc" ? sql`${position} < ${last}` : sql`${position} > ${last}`,
    );
  }
  const direction = query.order === "desc" ? desc : asc;

  const [rows, [count]] = await Promise.all([
    db
      .select({ user: users, groups: groupsOfUser, sortValue: sql<string>`(${expr})::text` })
      .from(users)
      .where(and(...pageWhere))
      .orderBy(direction(expr), direction(users.id))
      .limit(query.limit + 1),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(users)
      .where(and(...where)),
  ]);
  const page = takePage(rows, query.limit, (last) =>
    encodeCursor(ordering, last.sortValue, last.user.id),
  );
  return {
    items: page.rows.map((r) => toUser(r.user, r.groups)),
    next_cursor: page.nextCursor,
    total: count?.total ?? 0,
  };
}
