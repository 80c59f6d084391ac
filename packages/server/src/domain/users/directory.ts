import type { DirectoryEntry, DirectoryQuery } from "@kabinet/contracts";
import { and, asc, desc, eq, or, schema, sql, type SQL } from "@kabinet/db";

import { groupsOfUser } from "../access/memberships.ts";
import { hasPermission, type GroupGrant } from "../access/permissions.ts";
import { userViewColumns, type UserViewRow } from "../accounts/user-view.ts";
import type { Context } from "../context.ts";
import { AppError } from "../errors.ts";
import { decodeCursor, encodeCursor, takePage } from "../paging.ts";
import { seenBy } from "../profiles/visibility.ts";

const { users } = schema;

const ORDERING = "created_at:asc";
const MAX_ID = 2_147_483_647;

/** A person as another member sees them: private fields only to themself and to user readers. */
function toDirectoryEntry(
  ctx: Context<"user">,
  row: UserViewRow,
  groups: readonly GroupGrant[],
): DirectoryEntry {
  const { principal } = ctx;
  const mayReadPrivate =
    row.id === principal.userId || hasPermission(principal.role, principal.groups, "users:read");
  return {
    id: row.id,
    login: row.login,
    first_name: row.firstName,
    last_name: row.lastName,
    patronymic: row.patronymic,
    display_name: row.displayName,
    description: row.description,
    background_color: row.backgroundColor,
    avatar: row.avatarUrl,
    role: row.role,
    groups: groups.map(({ id, name }) => ({ id, name })),
    created_at: row.createdAt.toISOString(),
    email: mayReadPrivate ? row.email : null,
    birthday: mayReadPrivate ? row.birthday : null,
  };
}

/**
 * The people the caller may see (profiles/visibility.ts: blocked accounts only to holders of
 * `users:read`, removed ones to nobody), oldest first, by keyset on (created_at, id).
 */
export async function listDirectory(
  ctx: Context<"user">,
  query: DirectoryQuery,
): Promise<{ items: DirectoryEntry[]; next_cursor: string | null }> {
  const after = decodeCursor(query.cursor, ORDERING);
  const where: SQL[] = [seenBy(ctx.principal)];
  if (after)
    where.push(
      sql`(${users.createdAt}, ${users.id}) > (${after.sortValue}::timestamptz, ${after.id}::integer)`,
    );
  const rows = await ctx.services.db
    .select({
      user: userViewColumns,
      groups: groupsOfUser,
      sortValue: sql<string>`(${users.createdAt})::text`,
    })
    .from(users)
    .where(and(...where))
    .orderBy(asc(users.createdAt), asc(users.id))
    .limit(query.limit + 1);
  const page = takePage(rows, query.limit, (last) =>
    encodeCursor(ORDERING, last.sortValue, last.user.id),
  );
  return {
    items: page.rows.map((r) => toDirectoryEntry(ctx, r.user, r.groups)),
    next_cursor: page.nextCursor,
  };
}

/**
 * One person by id or login, among those the caller may see, in one query: digits name an id
 * first (logins may be all digits too, and are found when nobody the caller sees has that id).
 */
export async function directoryEntry(ctx: Context<"user">, key: string): Promise<DirectoryEntry> {
  const id = /^[0-9]{1,10}$/.test(key) ? Number(key) : NaN;
  const byLogin = sql`lower(${users.login}) = ${key.toLowerCase()}`;
  const byId = id >= 1 && id <= MAX_ID ? eq(users.id, id) : undefined;
  const [found] = await ctx.services.db
    .select({ user: userViewColumns, groups: groupsOfUser })
    .from(users)
    .where(and(seenBy(ctx.principal), byId ? or(byId, byLogin) : byLogin))
    .orderBy(byId ? desc(sql`${byId}`) : asc(users.id))
    .limit(1);
  if (!found) throw new AppError("user_not_found");
  return toDirectoryEntry(ctx, found.user, found.groups);
}
