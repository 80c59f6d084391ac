import {
  RateLimiterDrizzle,
  RateLimiterMemory,
  type IRateLimiterOptions,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";

import { schema, sql, type Database, type DatabaseHandle } from "@kabinet/db";

/**
 * Where the rate limiters keep their counters, and the one shortcut around
 * rate-limiter-flexible (written against version 11.4.0).
 *
 * On PostgreSQL the counters are rows of `rate_limits`, written by the library's
 * `RateLimiterDrizzle`, so every API process sees them; on embedded PGlite they live in memory.
 * A sign-in checks four counters before it verifies the password. Through the library that is
 * four queries; `readCounters` reads the same rows in one. It relies on how the library's
 * Drizzle store keeps a counter: one row per key as `getKey(key)` spells it, `points` the points
 * consumed, `expire` the end of the window or block (null: never), and a row whose `expire` has
 * passed counting as absent. test/rate-limit-store.test.ts compares its reads with the
 * library's own `get`. With FAST_RATE_LIMIT_READS=false the counters are read through `get`.
 */

export type LimiterSpec = Pick<
  IRateLimiterOptions,
  "keyPrefix" | "points" | "duration" | "blockDuration"
>;

/** A limiter's counter for one key, as far as a check needs it (the library's `get`, in part). */
export interface Counter {
  consumedPoints: number;
  /** Milliseconds until the counter resets; -1 when it never does. */
  msBeforeNext: number;
}

/** Several limiters' counters read at once; null where a key has no live counter. */
export type ReadCounters = (
  reads: ReadonlyArray<readonly [RateLimiterAbstract, string]>,
) => Promise<Array<Counter | null>>;

export interface LimiterStore {
  make: (spec: LimiterSpec) => RateLimiterAbstract;
  readCounters: ReadCounters;
}

/** One `get` per counter: the library's public path. */
const readEach: ReadCounters = (reads) =>
  Promise.all(reads.map(([limiter, key]) => limiter.get(key)));

/** The live rows of a set of keys, prepared once per database. */
function prepareCounterRead(db: Database) {
  const { rateLimits } = schema;
  return db
    .select({ key: rateLimits.key, points: rateLimits.points, expire: rateLimits.expire })
    .from(rateLimits)
    .where(
      sql`${rateLimits.key} = any(${sql.placeholder("keys")}::text[]) and (${rateLimits.expire} is null or ${rateLimits.expire} > now())`,
    )
    .prepare("rate_limit_counters");
}

/** Reads the library's rows for several counters in one query, as its `get` would read each. */
function readInOneQuery(db: Database): ReadCounters {
  const counterRead = prepareCounterRead(db);
  return async (reads) => {
    const keys = reads.map(([limiter, key]) => limiter.getKey(key));
    const rows = await counterRead.execute({ keys });
    const byKey = new Map(rows.map((row) => [row.key, row]));
    return keys.map((key) => {
      const row = byKey.get(key);
      if (!row) return null;
      return {
        consumedPoints: row.points,
        msBeforeNext: row.expire ? Math.max(row.expire.getTime() - Date.now(), 0) : -1,
      };
    });
  };
}

/** Counters in the `rate_limits` table of `db`, read in one query or through the library. */
export function tableStore(db: Database, oneQueryReads: boolean): LimiterStore {
  return {
    make: (spec) => new RateLimiterDrizzle({ ...spec, storeClient: db, schema: schema.rateLimits }),
    readCounters: oneQueryReads ? readInOneQuery(db) : readEach,
  };
}

/** PostgreSQL: the shared table. PGlite serves one process: memory is enough. */
export function limiterStore(database: DatabaseHandle, oneQueryReads: boolean): LimiterStore {
  if (database.kind === "postgres") return tableStore(database.db, oneQueryReads);
  return { make: (spec) => new RateLimiterMemory(spec), readCounters: readEach };
}
