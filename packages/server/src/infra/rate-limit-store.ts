import {
  RateLimiterDrizzle,
  RateLimiterMemory,
  type IRateLimiterOptions,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";

import { schema, type DatabaseHandle } from "@kabinet/db";

/**
 * Where the plain rate limits (sign-ups, login checks, QR codes) keep their counters: on
 * PostgreSQL, rows of `rate_limits` written by rate-limiter-flexible's `RateLimiterDrizzle`,
 * so every API process sees them; on embedded PGlite, which serves one process, in memory.
 * The counters of password checks are not among them: infra/attempt-counters.ts keeps those
 * (in the same table on PostgreSQL).
 */

export type LimiterSpec = Pick<
  IRateLimiterOptions,
  "keyPrefix" | "points" | "duration" | "blockDuration"
>;

/** Makes the limiters of one database: the shared table, or memory on PGlite. */
export function limiterStore(database: DatabaseHandle): (spec: LimiterSpec) => RateLimiterAbstract {
  if (database.kind === "postgres") {
    const { db } = database;
    return (spec) =>
      new RateLimiterDrizzle({ ...spec, storeClient: db, schema: schema.rateLimits });
  }
  return (spec) => new RateLimiterMemory(spec);
}
