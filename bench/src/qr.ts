import { randomBytes } from "node:crypto";

import { schema, sql } from "@kabinet/db";
import { hashSecret, type TestServer } from "@kabinet/server/testing";

import { measureHttp } from "./load.ts";
import { p99AtMost, type Target } from "./report.ts";
import { ensureSeeded } from "./seed.ts";
import type { SeededSuiteInput, SuiteResult } from "./suite.ts";

/** The resolve target: p99 at a steady 500 scans a second. */
export const RESOLVE_RATE = 500;
export const RESOLVE_P99_MS = 10;

async function api<T>(
  server: TestServer,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${server.baseUrl}/rest/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

/**
 * A terminal's scan, as a makerspace runs it: a device key resolves a member's current code
 * (the member is in a group granting the machine), each scan logged in its own transaction.
 */
export async function runQr({
  server,
  settings,
  load,
  adminToken,
  measure,
  progress,
}: SeededSuiteInput): Promise<SuiteResult & { targets: Target[] }> {
  const { db } = server.database;
  const count = await ensureSeeded(
    db,
    { users: settings.qrUsers, logRows: settings.qrUsers },
    progress,
  );
  const [member] = await db
    .select({ id: schema.users.id })
    .from(schema.users)
    .where(sql`${schema.users.state} in ('new', 'activated')`)
    .orderBy(schema.users.id)
    .offset(Math.floor(settings.qrUsers / 2))
    .limit(1);
  if (!member) throw new Error("No active account to scan");

  const { api_key: deviceKey } = await api<{ api_key: string }>(
    server,
    adminToken,
    "POST",
    "/devices",
    {
      name: "Laser cutter",
      slug: "bench-laser",
    },
  );
  const group = await api<{ id: number }>(server, adminToken, "POST", "/groups", {
    name: "Bench laser trained",
    permissions: ["device:bench-laser:use"],
  });
  await api(server, adminToken, "PUT", `/groups/${group.id}/members/${member.id}`);
  // A code valid through the run, stored as the server stores codes it issues.
  const code = randomBytes(16).toString("base64url");
  await db.insert(schema.qrCodes).values({
    codeHash: hashSecret(code),
    userId: member.id,
    validFrom: new Date(Date.now() - 60_000),
    validUntil: new Date(Date.now() + 3_600_000),
  });

  const scan = {
    url: `${server.baseUrl}/rest/v1/qr/resolve`,
    method: "POST" as const,
    headers: { authorization: `Bearer ${deviceKey}`, "content-type": "application/json" },
    body: JSON.stringify({ code }),
  };
  const read = await measure(
    () =>
      measureHttp(
        {
          name: "REST GET /rest/v1/me (admin)",
          url: `${server.baseUrl}/rest/v1/me`,
          headers: { authorization: `Bearer ${adminToken}` },
        },
        load,
      ),
    "the authenticated read, for comparison",
  );
  const flat = await measure(
    () => measureHttp({ name: "REST POST /rest/v1/qr/resolve", ...scan }, load),
    "resolve, as fast as it answers",
  );
  const steady = await measure(
    () =>
      measureHttp(
        { name: `REST POST /rest/v1/qr/resolve at ${RESOLVE_RATE} req/s`, ...scan },
        { ...load, rate: RESOLVE_RATE },
      ),
    `resolve at a steady ${RESOLVE_RATE} req/s`,
  );
  const targets: Target[] = [p99AtMost(steady, RESOLVE_P99_MS)];
  return {
    context: {
      qr_users: Math.max(count, settings.qrUsers),
      resolve_vs_read: Number((flat.requestsPerSecond / read.requestsPerSecond).toFixed(3)),
      resolve_steady_achieved_rate: Number(steady.requestsPerSecond.toFixed(1)),
    },
    measurements: [read, flat, steady],
    targets,
  };
}
