import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { schema, sql, type Database } from "@kabinet/db";

import {
  attemptCounters,
  attemptKeys,
  memoryAttemptCounters,
  pruneAttemptCounters,
  type AttemptCounters,
  type AttemptPolicy,
} from "../src/infra/attempt-counters.ts";
import { openFreshDatabase } from "../src/testing.ts";

/*
 * The counters of password checks (infra/attempt-counters.ts): in one statement and one
 * statement per counter, on a fresh database (PostgreSQL with DATABASE_URL, else PGlite), and
 * in memory as PGlite's server keeps them. All must count and refuse alike, and parallel
 * attempts must never pass the limits.
 */
let db: Database;
let drop: () => Promise<void>;

beforeAll(async () => {
  const fresh = await openFreshDatabase();
  db = fresh.database.db;
  drop = fresh.drop;
});
afterAll(() => drop?.());

const unique = () => randomBytes(4).toString("hex");

const policy: AttemptPolicy = {
  freeAttempts: 2,
  maxLockSeconds: 900,
  pairWindowSeconds: 86_400,
  addressCap: 5,
  addressWindowSeconds: 86_400,
  addressLockSeconds: 3600,
  accountWindowSeconds: 3600,
};

describe.each([
  ["one statement", 0],
  ["one statement per counter", 1],
  ["memory", 2],
])("attempt counters in %s", (_name, way) => {
  let counters: AttemptCounters;
  beforeAll(() => {
    counters = way === 2 ? memoryAttemptCounters(policy) : attemptCounters(db, policy, way === 0);
  });

  test("a pair gets its free attempts and one more, then waits; others go on", async () => {
    const account = `account_${unique()}`;
    const ip = `10.9.${way + 1}.1`;
    const keys = attemptKeys(account, ip, true);
    for (let attempt = 1; attempt <= 3; attempt++) {
      const reservation = await counters.reserve(keys);
      expect(reservation).toEqual({ refused: null, accountAttempts: attempt });
    }
    expect(await counters.reserve(keys)).toEqual({
      refused: { retryAfter: 1 },
      accountAttempts: 0,
    });
    expect((await counters.reserve(attemptKeys(account, `${ip}0`, true))).refused).toBeNull();
    expect((await counters.reserve(attemptKeys(`other_${unique()}`, ip, true))).refused).toBeNull();

    // The lock doubles: after the first second, the next attempt locks for two.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await counters.reserve(keys)).refused).toBeNull();
    expect((await counters.reserve(keys)).refused).toEqual({ retryAfter: 2 });
  });

  test("a success starts the pair afresh and gives the attempt back to the account", async () => {
    const keys = attemptKeys(`account_${unique()}`, `10.9.${way + 3}.1`, true);
    for (let attempt = 0; attempt < 3; attempt++) await counters.reserve(keys);
    await counters.release(keys);
    const next = await counters.reserve(keys);
    // Two failures and this attempt: the account keeps the failures, not the success.
    expect(next).toEqual({ refused: null, accountAttempts: 3 });
  });

  test("an address reaches its cap across accounts and is locked", async () => {
    const ip = `10.9.${way + 5}.1`;
    for (let attempt = 0; attempt < 5; attempt++) {
      const reservation = await counters.reserve(attemptKeys(`a${attempt}_${unique()}`, ip, true));
      expect(reservation.refused).toBeNull();
    }
    const refused = await counters.reserve(attemptKeys(`late_${unique()}`, ip, true));
    expect(refused.refused!.retryAfter).toBeGreaterThan(3500);
  });

  test("a refused attempt counts nowhere else, and no account key counts no account", async () => {
    const account = `account_${unique()}`;
    const ip = `10.9.${way + 8}.1`;
    const keys = attemptKeys(account, ip, true);
    for (let attempt = 0; attempt < 3; attempt++) await counters.reserve(keys);
    for (let attempt = 0; attempt < 5; attempt++)
      expect((await counters.reserve(keys)).refused).not.toBeNull();
    const elsewhere = await counters.reserve(attemptKeys(account, `${ip}0`, true));
    expect(elsewhere).toEqual({ refused: null, accountAttempts: 4 });
    const withoutAccount = await counters.reserve(attemptKeys(account, `${ip}1`, false));
    expect(withoutAccount).toEqual({ refused: null, accountAttempts: 0 });
    // The address has the three counted attempts, not the five refused ones.
    for (let attempt = 0; attempt < 2; attempt++)
      expect(
        (await counters.reserve(attemptKeys(`b${attempt}_${unique()}`, ip, true))).refused,
      ).toBeNull();
    expect((await counters.reserve(attemptKeys(`c_${unique()}`, ip, true))).refused).not.toBeNull();
  });

  test("parallel attempts never pass more than the limits allow", async () => {
    const account = `account_${unique()}`;
    const ip = `10.9.${way + 11}.1`;
    const keys = attemptKeys(account, ip, true);
    const pair = await Promise.all(Array.from({ length: 40 }, () => counters.reserve(keys)));
    expect(pair.filter((r) => r.refused === null)).toHaveLength(3);
    expect(
      pair.flatMap((r) => (r.refused === null ? [r.accountAttempts] : [])).sort((a, b) => a - b),
    ).toEqual([1, 2, 3]);

    const spread = `10.9.${way + 14}.1`;
    const many = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        counters.reserve(attemptKeys(`p${i}_${unique()}`, spread, true)),
      ),
    );
    expect(many.filter((r) => r.refused === null)).toHaveLength(5);
  });
});

test("sign-ins and successes of one account at once never deadlock", async () => {
  // A success gives its attempt back while other attempts of the same pair are being counted:
  // both take the pair, the address and the account rows, and must take them in one order.
  const lifted = { ...policy, freeAttempts: 1_000_000, addressCap: 1_000_000 };
  for (const oneStatement of [true, false]) {
    const counters = attemptCounters(db, lifted, oneStatement);
    const keys = attemptKeys(`account_${unique()}`, "10.9.99.1", true);
    const signIn = async () => {
      for (let round = 0; round < 40; round++) {
        const reservation = await counters.reserve(keys);
        expect(reservation.refused).toBeNull();
        await counters.release(keys);
      }
    };
    await expect(Promise.all(Array.from({ length: 8 }, signIn))).resolves.toBeDefined();
  }
});

test("pruning drops the counters that ran out and keeps the rest", async () => {
  const { rateLimits } = schema;
  await db.insert(rateLimits).values([
    { key: "attempt:pair:gone|1", points: 3, expire: sql`now() - interval '1 second'` },
    { key: "attempt:pair:kept|1", points: 3, expire: sql`now() + interval '1 hour'` },
    { key: "register_ip:gone", points: 3, expire: sql`now() - interval '1 second'` },
  ]);
  await pruneAttemptCounters(db);
  const keys = (await db.select({ key: rateLimits.key }).from(rateLimits)).map((r) => r.key);
  expect(keys).not.toContain("attempt:pair:gone|1");
  expect(keys).toContain("attempt:pair:kept|1");
  expect(keys).toContain("register_ip:gone");
});
