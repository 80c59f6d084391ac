import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, describe, expect, test } from "vitest";

import type { Database } from "@kabinet/db";

import { loadConfig } from "../src/config.ts";
import { tableStore, type Counter } from "../src/infra/rate-limit-store.ts";
import { LoginGuard } from "../src/infra/rate-limits.ts";
import { openFreshDatabase, testEnv } from "../src/testing.ts";

/*
 * On PostgreSQL a sign-in reads its lock counters from rate-limiter-flexible's table in one
 * query (infra/rate-limit-store.ts). These tests run the library's Drizzle store on a fresh
 * database (PGlite too) and require that query to read what the library's own `get` reads.
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

function expectSameCounter(ours: Counter | null, library: Counter | null, what: string) {
  if (library === null) return expect(ours, what).toBeNull();
  expect(ours, what).not.toBeNull();
  expect(ours!.consumedPoints, what).toBe(library.consumedPoints);
  if (library.msBeforeNext === -1) expect(ours!.msBeforeNext, what).toBe(-1);
  else expect(Math.abs(ours!.msBeforeNext - library.msBeforeNext), what).toBeLessThan(250);
}

test("one query reads each counter as the library's `get` does", async () => {
  const store = tableStore(db, true);
  const prefix = `t_${unique()}`;
  const windowed = store.make({ keyPrefix: `${prefix}_w`, points: 5, duration: 60 });
  const forever = store.make({ keyPrefix: `${prefix}_f`, points: 5, duration: 0 });
  const brief = store.make({ keyPrefix: `${prefix}_b`, points: 5, duration: 1 });

  await windowed.consume("consumed", 2);
  await windowed.penalty("penalised", 3);
  await windowed.block("blocked", 30);
  await windowed.penalty("deleted", 1);
  await windowed.delete("deleted");
  await forever.consume("kept", 1);
  await brief.consume("expired", 1);
  await new Promise((resolve) => setTimeout(resolve, 1_100));

  const reads = [
    [windowed, "consumed"],
    [windowed, "penalised"],
    [windowed, "blocked"],
    [windowed, "deleted"],
    [windowed, "never-seen"],
    [forever, "kept"],
    [brief, "expired"],
  ] as const;
  const ours = await store.readCounters(reads);
  const library = await Promise.all(reads.map(([limiter, key]) => limiter.get(key)));
  reads.forEach(([, key], index) => expectSameCounter(ours[index]!, library[index]!, key));
  // The states above are what a sign-in meets: consumed, blocked, gone, and never expiring.
  expect(library.map((counter) => counter?.consumedPoints ?? null)).toEqual([
    2,
    3,
    6,
    null,
    null,
    1,
    null,
  ]);
});

describe.each([
  ["one query", true],
  ["the library's reads", false],
])("the sign-in guard over %s", (_name, oneQuery) => {
  test("locks an account and address pair after the free attempts, and no one else", async () => {
    const store = tableStore(db, oneQuery);
    const config = loadConfig({ ...testEnv, LOGIN_FREE_ATTEMPTS: "1" });
    const guard = new LoginGuard(store.make, store.readCounters, config);
    const account = `account_${unique()}`;
    for (let failure = 0; failure < 2; failure++) {
      const attempt = await guard.begin(account, "10.9.0.1");
      expect(attempt.refused).toBeNull();
      if (attempt.refused === null) await attempt.failed();
    }
    expect((await guard.begin(account, "10.9.0.1")).refused).toEqual({ retryAfter: 1 });
    expect((await guard.begin(account, "10.9.0.2")).refused).toBeNull();
    expect((await guard.begin(`other_${unique()}`, "10.9.0.1")).refused).toBeNull();
  });
});
