import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";

import * as schema from "./schema.ts";

export type Schema = typeof schema;
/** The query API both drivers share; domain code sees only this. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type Executor = Database | Transaction;

/**
 * Statements built once per database and reused, so drizzle writes their SQL once instead of
 * on every call. Kept per handle: each test's database gets its own.
 */
export function preparedPerDatabase<T>(prepare: (db: Database) => T): (db: Database) => T {
  const byDatabase = new WeakMap<Database, T>();
  return (db) => {
    let statements = byDatabase.get(db);
    if (!statements) byDatabase.set(db, (statements = prepare(db)));
    return statements;
  };
}

export interface DatabaseHandle {
  db: Database;
  kind: "postgres" | "pglite";
  /** True when the database answers a trivial query. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A postgres:// URL. Without it, the embedded PGlite is used. */
  url?: string;
  /** PGlite data folder; omitted with no URL means an in-memory database. */
  dataDir?: string;
  poolSize?: number;
  onPoolError?: (error: unknown) => void;
}

/**
 * How the pool behaves when PostgreSQL goes away and comes back. A connection that dies is
 * replaced on the next query; these keep that quick, so calls fail in well under a second
 * while the server is down (and are answered 503) and succeed again as soon as it is back.
 * The driver itself is patched (patches/postgres@3.4.9.patch) where a dead connection could
 * crash the process or keep a query retrying for as long as the server refused it.
 */
const outageOptions = {
  // A healthy server on the network accepts a connection in milliseconds; past 2 s it is as
  // good as down, and the caller should hear so instead of waiting.
  connect_timeout: 2,
  // postgres.js waits `0.5-1 × min(3^n / 100, 20)` seconds before the n-th reconnect after
  // a failure: after a few seconds of outage, 20 s, during which queries queue up behind
  // the waiting connections and recovery lags the server by as much. Attempts are made only
  // for queries that need one, so a short, capped wait cannot flood a server coming up.
  backoff: (attempt: number) => Math.min(0.05 * attempt, 0.25),
  idle_timeout: 60,
  onnotice: () => {},
} as const;

const migrationsFolder = fileURLToPath(new URL("../migrations", import.meta.url));

/** Opens the database and brings its schema up to date before anything else touches it. */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) {
    const client = postgres(options.url, { ...outageOptions, max: options.poolSize ?? 10 });
    const postgresDb = drizzlePostgres(client, { schema });
    await migratePostgres(postgresDb, { migrationsFolder });
    const db = postgresDb as unknown as Database;
    return {
      db,
      kind: "postgres",
      ping: () => ping(db),
      close: () => client.end({ timeout: 5 }),
    };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const client = new PGlite({ dataDir: options.dataDir, extensions: { pg_trgm } });
  const pgliteDb = drizzlePglite(client, { schema });
  await migratePglite(pgliteDb, { migrationsFolder });
  const db = pgliteDb as unknown as Database;
  return {
    db,
    kind: "pglite",
    ping: () => ping(db),
    close: () => client.close(),
  };
}

/** A readiness probe must answer even when the pool is stuck: past 2 s, the database is down. */
const PING_TIMEOUT_MS = 2_000;

async function ping(db: Database): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS).unref();
  });
  const answer = db.execute(sql`select 1`).then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
