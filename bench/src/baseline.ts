import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import express from "express";
import postgres from "postgres";

import { sql as drizzleSql, eq, schema, type DatabaseHandle } from "@kabinet/db";

/** Reads one user row by id; the only work the baseline server does per request. */
export interface UserReader {
  /** How the row is read, for the report. */
  via: string;
  read(id: number): Promise<Record<string, unknown> | undefined>;
  close(): Promise<void>;
}

function withoutHash<T extends Record<string, unknown>>(row: T | undefined, key: string) {
  if (!row) return undefined;
  const { [key]: _hash, ...rest } = row;
  return rest;
}

/**
 * The same row from the same database the API serves: with PostgreSQL, a separate postgres.js
 * pool of the API's size on the API's database; with PGlite, which allows one client, the
 * API's own drizzle handle.
 */
export async function openUserReader(
  database: DatabaseHandle,
  serverUrl: string | undefined,
  poolSize: number,
): Promise<UserReader> {
  if (database.kind === "pglite") {
    return {
      via: "drizzle on the API's PGlite",
      read: async (id) => {
        const [row] = await database.db.select().from(schema.users).where(eq(schema.users.id, id));
        return withoutHash(row, "passwordHash");
      },
      close: async () => {},
    };
  }
  if (!serverUrl)
    throw new Error("The API runs on PostgreSQL but no DATABASE_URL was given to reach it");
  // The API works on a database of its own, created for this run; find its name.
  const [current] = await database.db
    .select({ name: drizzleSql<string>`current_database()` })
    .from(schema.users)
    .limit(1);
  if (!current) throw new Error("The API's database has no user row to read");
  const url = new URL(serverUrl);
  url.pathname = `/${current.name}`;
  const sql = postgres(url.toString(), { max: poolSize, onnotice: () => {} });
  return {
    via: "postgres.js on the API's PostgreSQL database",
    read: async (id) => {
      const [row] = await sql<Record<string, unknown>[]>`select * from users where id = ${id}`;
      return withoutHash(row, "password_hash");
    },
    close: () => sql.end({ timeout: 5 }),
  };
}

export interface Baseline {
  baseUrl: string;
  close(): Promise<void>;
}

/** A minimal express 5 app: no middleware, no token check, one handler that reads one row. */
export async function startBaseline(reader: UserReader): Promise<Baseline> {
  const app = express();
  app.get("/users/:id", async (req, res) => {
    const row = await reader.read(Number(req.params.id));
    if (row) res.json(row);
    else res.status(404).json({ error: "not found" });
  });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
