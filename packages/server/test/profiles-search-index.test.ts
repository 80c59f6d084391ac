import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { PROFILE_SEARCH_MIN, ProfileSearchQuery } from "@kabinet/contracts";
import { schema, sql, type DatabaseHandle } from "@kabinet/db";

import { GRAM_LENGTH } from "../src/domain/profiles/profiles.ts";
import { findableStates } from "../src/domain/profiles/visibility.ts";
import { openFreshDatabase } from "../src/testing.ts";

/*
 * The name search rests on facts kept in three places that cannot derive from one another:
 * the fragment length the server reasons with (GRAM_LENGTH), the one the database cuts names
 * and terms into (`profile_name_grams_of`, in a migration), and the shortest term the contract
 * accepts (PROFILE_SEARCH_MIN). The triggers that fill the index decide, in SQL, who is
 * findable, as the visibility rule does in TypeScript. These tests fail if any of them drift.
 */

let database: DatabaseHandle;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ database, drop } = await openFreshDatabase());
});
afterAll(() => drop());

/** The fragments the database cuts `text` into, as the search and the triggers call it. */
async function gramsOf(text: string): Promise<string[]> {
  const rows = await database.db
    .select({ gram: sql<string>`term.gram` })
    .from(sql`profile_name_grams_of(${text}) as term(gram)`);
  return rows.map((row) => row.gram);
}

/** Every run of `length` characters (code points, as the database counts them) in `text`. */
function windows(text: string, length: number): string[] {
  const chars = [...text];
  const runs = new Set<string>();
  for (let i = 0; i + length <= chars.length; i++) runs.add(chars.slice(i, i + length).join(""));
  return [...runs];
}

const samples = ["анна смирнова", "jonathan smithson", "ёжик в тумане 😀", "аааааа", "x y z w v"];

describe("the search's fragment length", () => {
  test("the database cuts names into fragments of GRAM_LENGTH characters, every one of them", async () => {
    for (const sample of samples) {
      const grams = await gramsOf(sample);
      expect(grams.length, sample).toBeGreaterThan(0);
      for (const gram of grams) expect([...gram], `${sample}: ${gram}`).toHaveLength(GRAM_LENGTH);
      expect(new Set(grams), sample).toEqual(new Set(windows(sample, GRAM_LENGTH)));
    }
  });

  test("a term exactly GRAM_LENGTH long is its own only fragment; a shorter one has none", async () => {
    const term = [..."щербаков"].slice(0, GRAM_LENGTH).join("");
    expect(await gramsOf(term)).toEqual([term]);
    expect(await gramsOf(term.slice(0, -1))).toEqual([]);
  });

  test("every term the contract accepts has a fragment: GRAM_LENGTH ≤ PROFILE_SEARCH_MIN", async () => {
    expect(GRAM_LENGTH).toBeLessThanOrEqual(PROFILE_SEARCH_MIN);
    const shortest = "ж".repeat(PROFILE_SEARCH_MIN);
    expect(ProfileSearchQuery.safeParse({ name: shortest }).success).toBe(true);
    expect(ProfileSearchQuery.safeParse({ name: shortest.slice(1) }).success).toBe(false);
    expect((await gramsOf(shortest)).length).toBeGreaterThan(0);
  });
});

describe("the search's index and the visibility rule", () => {
  test("the triggers list exactly the people in findable states", async () => {
    const { users, profileNameGrams } = schema;
    const states = ["new", "activated", "blocked", "deleted"] as const;
    await database.db.insert(users).values(
      states.map((state) => ({
        login: `index_${state}`,
        email: `index_${state}@example.org`,
        passwordHash: "not a hash",
        firstName: "Индексов",
        lastName: state,
        state,
      })),
    );
    const listed = await database.db
      .selectDistinct({ state: users.state })
      .from(profileNameGrams)
      .innerJoin(users, sql`${users.id} = ${profileNameGrams.userId}`);
    expect(new Set(listed.map((row) => row.state))).toEqual(new Set(findableStates));
  });
});
