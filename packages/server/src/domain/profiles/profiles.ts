import type { ProfileSearchQuery, PublicProfile } from "@kabinet/contracts";
import { and, asc, eq, preparedPerDatabase, schema, sql, type Database } from "@kabinet/db";

import type { Context } from "../context.ts";
import { AppError } from "../errors.ts";
import { decodeCursor, encodeCursor, takePage } from "../paging.ts";
import { cardColumns, toCard } from "./people.ts";
import { isFindable, isSeenBy } from "./visibility.ts";

const { users, profileNameGrams } = schema;

/**
 * A person's public profile, if the caller may see them (visibility.ts): anyone else is
 * `user_not_found`, as an id nobody has.
 */
export async function getProfile(ctx: Context<"user">, userId: number): Promise<PublicProfile> {
  const [row] = await ctx.services.db
    .select({ ...cardColumns, bio: users.bio, state: users.state })
    .from(users)
    .where(eq(users.id, userId));
  if (!row || !isSeenBy(ctx.principal, row.state)) throw new AppError("user_not_found");
  return { ...toCard(row), bio: row.bio };
}

const ordering = "profile_name";

/**
 * Characters in each fragment `profile_name_grams` lists a name under: the length the
 * database's `profile_name_grams_of` cuts, and at most the shortest term the contract accepts
 * (`PROFILE_SEARCH_MIN`), so that every term has a fragment. test/profiles-search-index.test.ts
 * holds the three together.
 */
export const GRAM_LENGTH = 4;

/** Most entries counted per fragment when choosing which fragment's list to walk. */
const GRAM_COUNT_CAP = 64;

const p = (name: string) => sql.placeholder(name);

/**
 * The fragment of the term (lowercased by the database, as the names are) with the fewest
 * people listed under it, counting each up to a cap: its list is the shortest to walk.
 * Fragments tied at the cap are taken in a fixed order.
 */
const rarestGram = sql`(
  select term.gram from profile_name_grams_of(lower(${p("name")})) as term(gram)
  order by (
    select count(*) from (
      select from ${profileNameGrams} listed
      where listed.gram = term.gram
      -- In index order, so that counting stops at the cap instead of collecting them all.
      order by listed.name, listed.user_id
      limit ${sql.raw(String(GRAM_COUNT_CAP))}
    ) counted
  ), term.gram
  limit 1
)`;

/**
 * A page of matching people: the chosen fragment's list is walked in (name, id) order from
 * the cursor, keeping the names that contain the whole term, then joined to their cards.
 * `oneGram`: the term is exactly one fragment long, so it is its own fragment.
 */
function gramSearch(db: Database, oneGram: boolean, paged: boolean) {
  const grams = profileNameGrams;
  const page = db
    .select({ name: grams.name, userId: grams.userId })
    .from(grams)
    .where(
      and(
        eq(grams.gram, oneGram ? sql`lower(${p("name")})` : rarestGram),
        // Containment as such, not LIKE: the planner's guess at LIKE's selectivity from the
        // names' statistics can make it fetch the fragment's whole list and sort it instead
        // of walking it in order.
        sql`strpos(${grams.name}, lower(${p("name")})) > 0`,
        paged
          ? sql`(${grams.name}, ${grams.userId}) > (${p("afterName")}, ${p("afterId")}::integer)`
          : undefined,
      ),
    )
    .orderBy(asc(grams.name), asc(grams.userId))
    .limit(p("limit"))
    .as("page");
  return (
    db
      .select({ ...cardColumns, bio: users.bio, profileName: page.name })
      .from(page)
      // The list holds only findable people, so the search shows only them, to everyone
      // (visibility.ts); the state is checked again all the same.
      .innerJoin(users, and(eq(users.id, page.userId), isFindable))
      .orderBy(asc(page.name), asc(page.userId))
      .prepare(`search_profiles${oneGram ? "_one_gram" : ""}${paged ? "_paged" : ""}`)
  );
}

const gramSearchesFor = preparedPerDatabase((db) => ({
  first: gramSearch(db, false, false),
  next: gramSearch(db, false, true),
  oneGramFirst: gramSearch(db, true, false),
  oneGramNext: gramSearch(db, true, true),
}));

/**
 * Findable people whose public name contains `name`, in name order. Every name containing the
 * term is listed under each of the term's fragments, in (name, id) order, so a page walks
 * one fragment's list from the cursor, keeps the names that contain the whole term, and stops
 * once the page is full: the cost follows the page, not the number of matches.
 */
export async function searchProfiles(
  ctx: Context<"user">,
  query: ProfileSearchQuery,
): Promise<{ items: PublicProfile[]; next_cursor: string | null }> {
  const after = decodeCursor(query.cursor, ordering);
  // The contract counts characters, as the database cuts names into fragments: a term has at
  // least one fragment, and is one exactly when it is a fragment long.
  const searches = gramSearchesFor(ctx.services.db);
  const oneGram = [...query.name].length === GRAM_LENGTH;
  const search = after
    ? oneGram
      ? searches.oneGramNext
      : searches.next
    : oneGram
      ? searches.oneGramFirst
      : searches.first;
  const rows = await search.execute({
    name: query.name,
    afterName: after?.sortValue,
    afterId: after?.id,
    limit: query.limit + 1,
  });
  const taken = takePage(rows, query.limit, (last) =>
    encodeCursor(ordering, last.profileName, last.id),
  );
  return {
    items: taken.rows.map((row) => ({ ...toCard(row), bio: row.bio })),
    next_cursor: taken.nextCursor,
  };
}
