import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";

import { pino } from "pino";
import postgres from "postgres";

import { openDatabase, type DatabaseHandle } from "@kabinet/db";

import { createApp, type App } from "./app.ts";
import { loadConfig, type Config } from "./config.ts";

export interface TestServer {
  baseUrl: string;
  app: App;
  database: DatabaseHandle;
  config: Config;
  close: () => Promise<void>;
}

/**
 * A fresh database for one test file: an in-memory PGlite, or, when `url` (by default
 * `DATABASE_URL`) is set, a new PostgreSQL database created for the run and dropped afterwards.
 */
export async function openFreshDatabase(
  url = process.env.DATABASE_URL,
  poolSize = 10,
): Promise<{
  database: DatabaseHandle;
  drop: () => Promise<void>;
}> {
  if (!url) {
    const database = await openDatabase({});
    return { database, drop: () => database.close().catch(() => {}) };
  }
  const name = `kabinet_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ url: target.toString(), poolSize });
  return {
    database,
    drop: async () => {
      await database.close().catch(() => {});
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** Test-friendly defaults: cheap hashing and generous limits, unless a test overrides them. */
export const testEnv: Record<string, string> = {
  NODE_ENV: "test",
  LOG_LEVEL: "silent",
  ARGON2_MEMORY_KIB: "1024",
  ARGON2_TIME_COST: "1",
  REGISTRATIONS_PER_IP_PER_HOUR: "100000",
  LOGIN_FAILS_PER_IP_PER_DAY: "100000",
  UPLOADS_PER_USER_PER_HOUR: "100000",
  // Enough connections that parallel-request tests meet in the database, whatever the cores.
  DATABASE_POOL_SIZE: "10",
};

/**
 * Starts the whole API on a random loopback port over a fresh database; `databaseUrl` names
 * the PostgreSQL server to create it on, instead of `DATABASE_URL`.
 */
export async function startTestServer(
  env: Record<string, string> = {},
  options: { databaseUrl?: string } = {},
): Promise<TestServer> {
  const config = loadConfig({ ...testEnv, ...env, DATABASE_URL: undefined });
  const { database, drop } = await openFreshDatabase(
    options.databaseUrl,
    config.DATABASE_POOL_SIZE,
  );
  const app = await createApp(config, database, pino({ level: config.LOG_LEVEL }));
  await new Promise<void>((resolve) => app.server.listen(0, "127.0.0.1", resolve));
  const { port } = app.server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    app,
    database,
    config,
    close: async () => {
      app.server.closeAllConnections();
      await new Promise<void>((resolve) => app.server.close(() => resolve()));
      await drop();
    },
  };
}
export { defaultPoolSize } from "./config.ts";
export { buildOpenApi } from "./http/openapi.ts";
export { buildTrpcRouter } from "./http/trpc-app.ts";
/** How secrets (QR codes, keys) are stored, for tools that write them to the database directly. */
export { hashSecret } from "./infra/tokens.ts";

let registrations = 0;
/** A valid sign-up body with a unique login and email; `prefix` tells test suites apart. */
export function newUser(overrides: Record<string, unknown> = {}, prefix = "user") {
  registrations += 1;
  const id = `${Date.now().toString(36)}${registrations}`;
  return {
    login: `${prefix}_${id}`,
    email: `${prefix}_${id}@example.org`,
    password: "violet-lantern-92-harbor",
    first_name: "Анна",
    last_name: "Смирнова",
    ...overrides,
  };
}
