import type {
  Friend,
  FriendListQuery,
  FriendRequest,
  FriendRequestsQuery,
} from "@kabinet/contracts";
import { and, desc, eq, schema, sql } from "@kabinet/db";

import type { Context } from "../context.ts";
import { decodeCursor, encodeCursor, takePage } from "../paging.ts";
import { cardColumns, toCard, type CardRow } from "../profiles/people.ts";
import { isFindable } from "../profiles/visibility.ts";

const { friendships, users } = schema;

type Side = "requester" | "addressee";

interface RelationItem extends CardRow {
  since: Date;
  sinceText: string;
  /** `since` in microseconds: exact where a Date keeps only milliseconds. */
  sinceMicros: number;
  requestedAt: Date;
}

/**
 * One side of the caller's relations of one status, newest first, with the other person's
 * card: served by that side's (person, status, since, other) index, keyset on (since, other).
 * People who are blocked or removed are left out.
 */
function relationsOnSide(
  ctx: Context<"user">,
  side: Side,
  status: "pending" | "accepted",
  limit: number,
  after: { sortValue: string; id: number } | null,
): Promise<RelationItem[]> {
  const mine = side === "requester" ? friendships.requesterId : friendships.addresseeId;
  const theirs = side === "requester" ? friendships.addresseeId : friendships.requesterId;
  return ctx.services.db
    .select({
      ...cardColumns,
      since: friendships.since,
      sinceText: sql<string>`${friendships.since}::text`,
      sinceMicros: sql<number>`(extract(epoch from ${friendships.since}) * 1000000)::float8`,
      requestedAt: friendships.requestedAt,
    })
    .from(friendships)
    .innerJoin(users, and(eq(users.id, theirs), isFindable))
    .where(
      and(
        eq(mine, ctx.principal.userId),
        eq(friendships.status, status),
        after
          ? sql`(${friendships.since}, ${theirs}) < (${after.sortValue}::timestamptz, ${after.id}::integer)`
          : undefined,
      ),
    )
    .orderBy(desc(friendships.since), desc(theirs))
    .limit(limit);
}

/** Newest first; ties (same instant) by the other person's id, as the cursors compare them. */
function newestFirst(a: RelationItem, b: RelationItem): number {
  return b.sinceMicros - a.sinceMicros || b.id - a.id;
}

/**
 * My friends: accepted relations on both sides, and with `include_outgoing` my requests still
 * waiting, merged in order. A person is in one relation with me at most, so the three lists
 * never repeat anyone and one keyset orders them all.
 */
export async function listFriends(
  ctx: Context<"user">,
  query: FriendListQuery,
): Promise<{ items: Friend[]; next_cursor: string | null }> {
  const ordering = query.include_outgoing ? "friends+outgoing" : "friends";
  const after = decodeCursor(query.cursor, ordering);
  const take = query.limit + 1;
  const [asRequester, asAddressee, outgoing] = await Promise.all([
    relationsOnSide(ctx, "requester", "accepted", take, after),
    relationsOnSide(ctx, "addressee", "accepted", take, after),
    query.include_outgoing ? relationsOnSide(ctx, "requester", "pending", take, after) : [],
  ]);
  const rows = [
    ...[...asRequester, ...asAddressee].map((row) => ({ ...row, pending: false })),
    ...outgoing.map((row) => ({ ...row, pending: true })),
  ]
    .sort(newestFirst)
    .slice(0, take);
  const page = takePage(rows, query.limit, (last) =>
    encodeCursor(ordering, last.sinceText, last.id),
  );
  return {
    items: page.rows.map((row) => ({
      ...toCard(row),
      since: row.since.toISOString(),
      pending: row.pending,
    })),
    next_cursor: page.nextCursor,
  };
}

/** Requests waiting for an answer: those to me (`incoming`) or mine (`outgoing`). */
export async function listFriendRequests(
  ctx: Context<"user">,
  query: FriendRequestsQuery,
): Promise<{ items: FriendRequest[]; next_cursor: string | null }> {
  const ordering = `requests:${query.direction}`;
  const after = decodeCursor(query.cursor, ordering);
  const side = query.direction === "incoming" ? "addressee" : "requester";
  const rows = await relationsOnSide(ctx, side, "pending", query.limit + 1, after);
  const page = takePage(rows, query.limit, (last) =>
    encodeCursor(ordering, last.sinceText, last.id),
  );
  return {
    items: page.rows.map((row) => ({
      ...toCard(row),
      direction: query.direction,
      requested_at: row.requestedAt.toISOString(),
    })),
    next_cursor: page.nextCursor,
  };
}
