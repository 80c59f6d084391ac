import type { ProfileSearchQuery, PublicProfile } from "@kabinet/contracts";
import { and, asc, eq, schema, sql } from "@kabinet/db";

import { hasPermission } from "../access/permissions.ts";
import type { Context } from "../context.ts";
import { AppError } from "../errors.ts";
import { decodeCursor, encodeCursor, likeContains, takePage } from "../paging.ts";
import { cardColumns, isVisible, toCard, visibleStates } from "./people.ts";

const { users } = schema;

/**
 * A person's public profile. Blocked and removed accounts do not exist for members; callers
 * who may read users see them, as they do through `/users/{id}`.
 */
export async function getProfile(ctx: Context<"user">, userId: number): Promise<PublicProfile> {
  const [row] = await ctx.services.db
    .select({ ...cardColumns, bio: users.bio, state: users.state })
    .from(users)
    .where(eq(users.id, userId));
  const { principal } = ctx;
  const visible =
    row &&
    ((visibleStates as readonly string[]).includes(row.state) ||
      hasPermission(principal.role, principal.groups, "users:read"));
  if (!visible) throw new AppError("user_not_found");
  return { ...toCard(row), bio: row.bio };
}

const ordering = "profile_name";

/**
 * People whose public name contains `name`, in name order. The trigram index on the
 * lowercased name finds the candidates; keyset paging on (name, id) keeps every page as cheap.
 */
export async function searchProfiles(
  ctx: Context<"user">,
  query: ProfileSearchQuery,
): Promise<{ items: PublicProfile[]; next_cursor: string | null }> {
  const after = decodeCursor(query.cursor, ordering);
  const rows = await ctx.services.db
    .select({ ...cardColumns, bio: users.bio, profileName: sql<string>`${users.profileName}` })
    .from(users)
    .where(
      and(
        isVisible,
        // Lowercased by the database, as the column is: both fold case the same way.
        sql`${users.profileName} like lower(${likeContains(query.name)})`,
        after
          ? sql`(${users.profileName}, ${users.id}) > (${after.sortValue}, ${after.id}::integer)`
          : undefined,
      ),
    )
    .orderBy(asc(users.profileName), asc(users.id))
    .limit(query.limit + 1);
  const page = takePage(rows, query.limit, (last) =>
    encodeCursor(ordering, last.profileName, last.id),
  );
  return {
    items: page.rows.map((row) => ({ ...toCard(row), bio: row.bio })),
    next_cursor: page.nextCursor,
  };
}
