import { sql, type Database } from "@kabinet/db";

import { p99AtMost, type Target } from "./report.ts";
import { sampleHttp, type Sampled } from "./sampler.ts";
import { ensureSeeded, rowsOf } from "./seed.ts";
import type { SeededSuiteInput, SuiteResult } from "./suite.ts";

/** p99 target of a profile search page, in milliseconds (printed, never enforced). */
export const PROFILE_SEARCH_P99_MS = 25;

/**
 * Search terms: a fragment of the rarest surname (few matches), one of a common first name
 * that is also the start of the commonest surname (thousands of matches: the page must be
 * sorted out of many), and one across the space between first and last name.
 */
const TERMS = ["оронц", "иван", "ия смир"] as const;

/**
 * The plan of the search's query (as the handler writes it, with the values inlined), and
 * whether it walks the fragment list `profile_name_grams` in name order.
 */
async function explain(db: Database, term: string): Promise<{ plan: string; gramList: boolean }> {
  const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
  // A term of exactly one fragment's length is its own fragment; a longer one walks the list
  // of its fragment with the fewest entries (counted up to 64).
  const gram =
    [...term].length === 4
      ? `lower(${literal(term)})`
      : `(select term.gram from profile_name_grams_of(lower(${literal(term)})) as term(gram)
          order by (select count(*) from (select from profile_name_grams listed
            where listed.gram = term.gram order by listed.name, listed.user_id limit 64) counted),
            term.gram
          limit 1)`;
  const rows = await rowsOf<Record<string, string>>(
    db,
    sql.raw(`explain select u.id, page.name from (
        select name, user_id from profile_name_grams
        where gram = ${gram} and strpos(name, lower(${literal(term)})) > 0
        order by name, user_id limit 21
      ) page join users u on u.id = page.user_id and u.state in ('new', 'activated')
      order by page.name, page.user_id`),
  );
  const plan = rows.map((row) => Object.values(row)[0]).join("\n");
  return {
    plan,
    gramList: /Index (Only )?Scan using profile_name_grams_gram_name_user_id_pk/.test(plan),
  };
}

/** `GET /rest/v1/profiles?name=` over the seeded accounts, as any member searches. */
export async function runProfiles({
  server,
  settings,
  load,
  adminToken,
  measure,
  progress,
}: SeededSuiteInput): Promise<SuiteResult & { targets: Target[] }> {
  const { db } = server.database;
  await ensureSeeded(db, { users: settings.users, logRows: 1000 }, progress);
  const headers = { authorization: `Bearer ${adminToken}` };
  const context: Record<string, string | number> = {};
  const sampled: Sampled[] = [];
  for (const term of TERMS) {
    const url = `${server.baseUrl}/rest/v1/profiles?name=${encodeURIComponent(term)}`;
    const [{ matches } = { matches: Number.NaN }] = await rowsOf<{ matches: number }>(
      db,
      sql`select count(*)::int as matches from users
          where state in ('new', 'activated') and profile_name like ${`%${term}%`}`,
    );
    const { plan, gramList } = await explain(db, term);
    progress(`EXPLAIN profiles?name=${term}:\n${plan}`);
    const result = await measure(async () => {
      const s = await sampleHttp(
        { name: `REST GET /rest/v1/profiles?name=${term}`, url, headers },
        load,
      );
      sampled.push(s);
      return s.measurement;
    }, `GET /rest/v1/profiles?name=${term}`);
    const s = sampled.at(-1)!;
    context[`profiles_name_${term}`] =
      `${matches} matches; p50 ${s.p50Ms.toFixed(2)} ms, p95 ${s.p95Ms.toFixed(2)} ms, p99 ${s.p99Ms.toFixed(2)} ms; ` +
      `${result.requestsPerSecond.toFixed(0)} req/s; fragment list ${gramList ? "walked in name order" : "NOT walked"}`;
  }
  return {
    context,
    measurements: sampled.map((s) => s.measurement),
    targets: sampled.map((s) => p99AtMost(s.measurement, PROFILE_SEARCH_P99_MS)),
  };
}
