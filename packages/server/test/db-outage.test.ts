import { execFile } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";

import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { schema, sql } from "@kabinet/db";

import { databaseUnavailable, isConnectionFailure } from "../src/domain/unavailable.ts";
import { toProblem } from "../src/http/problem.ts";
import { newUser, startTestServer, type TestServer } from "./helpers.ts";

/**
 * PostgreSQL is stopped hard (`pg_ctl -m immediate`) under steady load and started again,
 * on a private cluster so the shared server is never touched. It runs on PostgreSQL's own
 * binaries whatever `DATABASE_URL` says: an embedded database cannot be stopped from outside.
 */

const run = promisify(execFile);

/** PostgreSQL's server binaries: `PG_BIN`, or the newest under /usr/lib/postgresql. */
function findPgBin(): string | null {
  const candidates = process.env.PG_BIN
    ? [process.env.PG_BIN]
    : existsSync("/usr/lib/postgresql")
      ? readdirSync("/usr/lib/postgresql")
          .sort((a, b) => Number(b) - Number(a))
          .map((version) => `/usr/lib/postgresql/${version}/bin`)
      : [];
  return (
    candidates.find(
      (dir) => existsSync(path.join(dir, "initdb")) && existsSync(path.join(dir, "pg_ctl")),
    ) ?? null
  );
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** A throwaway cluster on a loopback port. PostgreSQL refuses to run as root, hence `runuser`. */
async function createCluster(bin: string) {
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(tmpdir(), "kabinet-pg-"));
  if (asRoot) {
    const id = async (flag: string) => Number((await run("id", [flag, "postgres"])).stdout);
    chownSync(dir, await id("-u"), await id("-g"));
  }
  const pg = (command: string, args: string[]) => {
    const file = path.join(bin, command);
    return asRoot
      ? run("runuser", ["-u", "postgres", "--", file, ...args], { timeout: 60_000 })
      : run(file, args, { timeout: 60_000 });
  };
  const data = path.join(dir, "data");
  await pg("initdb", [
    "-D",
    data,
    "-U",
    "postgres",
    "--auth=trust",
    "-E",
    "UTF8",
    "--locale=C",
    "--no-sync",
  ]);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`;
  const cluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start: () =>
      pg("pg_ctl", [
        "-D",
        data,
        "-l",
        path.join(dir, "log"),
        "-o",
        options,
        "-w",
        "-t",
        "30",
        "start",
      ]),
    stop: (mode: "immediate" | "fast") =>
      pg("pg_ctl", ["-D", data, "-m", mode, "-w", "-t", "30", "stop"]),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
  await cluster.start();
  return cluster;
}

type Surface = "rest" | "trpc";
type Kind = "write" | "read";

interface Sample {
  surface: Surface;
  kind: Kind;
  start: number;
  end: number;
  status: number;
  code?: string;
  retryAfter: string | null;
  detail?: string;
  /** The login of an acknowledged sign-up. */
  login?: string;
  failure?: string;
}

/** Any call is abandoned after this long; the test then reports it as hanging. */
const CALL_BOUND_MS = 5_000;

/** One sign-up or authenticated read on either surface, with what a client would see. */
async function call(
  server: TestServer,
  surface: Surface,
  kind: Kind,
  token: string,
): Promise<Sample> {
  const user = newUser({}, "outage");
  const start = performance.now();
  let request: [string, RequestInit];
  if (surface === "rest")
    request =
      kind === "write"
        ? [
            "/rest/v1/auth/register",
            {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify(user),
            },
          ]
        : ["/rest/v1/me", { headers: { authorization: `Bearer ${token}` } }];
  else
    request =
      kind === "write"
        ? [
            "/trpc/auth.register",
            {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify(user),
            },
          ]
        : [
            `/trpc/me.get?input=${encodeURIComponent("{}")}`,
            { headers: { authorization: `Bearer ${token}` } },
          ];
  const [url, init] = request;
  try {
    const res = await fetch(`${server.baseUrl}${url}`, {
      ...init,
      signal: AbortSignal.timeout(CALL_BOUND_MS),
    });
    const body = (await res.json()) as {
      code?: string;
      detail?: string;
      error?: { message?: string; data?: { problem?: string } };
    };
    const end = performance.now();
    const ok = res.status >= 200 && res.status < 300;
    return {
      surface,
      kind,
      start,
      end,
      status: res.status,
      code: surface === "rest" ? body.code : body.error?.data?.problem,
      detail: surface === "rest" ? body.detail : body.error?.message,
      retryAfter: res.headers.get("retry-after"),
      login: ok && kind === "write" ? user.login : undefined,
    };
  } catch (error) {
    return {
      surface,
      kind,
      start,
      end: performance.now(),
      status: 0,
      retryAfter: null,
      failure: String(error),
    };
  }
}

describe("connection failures", () => {
  const coded = (code: string, message = code) => Object.assign(new Error(message), { code });

  test("are recognised however the driver and drizzle wrap them", () => {
    // drizzle wraps the driver's error; a connect to several addresses fails as an AggregateError.
    const wrapped = new Error("Failed query: select 1", { cause: coded("CONNECTION_CLOSED") });
    const aggregate = new AggregateError([coded("ECONNREFUSED"), coded("ECONNREFUSED")]);
    for (const error of [
      coded("ECONNREFUSED"),
      coded("CONNECT_TIMEOUT"),
      coded("CONNECTION_ENDED"),
      coded("57P01", "terminating connection due to administrator command"),
      coded("57P03", "the database system is starting up"),
      coded("08006", "connection failure"),
      wrapped,
      aggregate,
    ])
      expect(isConnectionFailure(error), String(error)).toBe(true);
    for (const error of [
      coded("23505", "duplicate key value"),
      coded("42P01", "relation does not exist"),
      new Error("ECONNREFUSED in a message is not a code"),
      null,
      "ECONNREFUSED",
    ])
      expect(isConnectionFailure(error), String(error)).toBe(false);
  });

  test("are a 503 problem with Retry-After and a sentence for a person", () => {
    const answer = toProblem(new Error("Failed query", { cause: coded("ECONNREFUSED") }));
    expect(answer).toMatchObject({
      status: 503,
      body: { status: 503, code: "service_unavailable", detail: expect.any(String) },
      retryAfter: expect.any(Number),
    });
    expect(JSON.stringify(answer)).not.toMatch(/ECONNREFUSED|Failed query/);
    expect(databaseUnavailable(coded("23505"))).toBeUndefined();
    expect(toProblem(new Error("boom")).status).toBe(500);
  });
});

const bin = findPgBin();

describe.skipIf(!bin)(
  bin
    ? "PostgreSQL stopped under load"
    : "PostgreSQL stopped under load (skipped: PostgreSQL's initdb and pg_ctl were not found; set PG_BIN)",
  () => {
    let cluster: Awaited<ReturnType<typeof createCluster>>;
    let server: TestServer;

    beforeAll(async () => {
      cluster = await createCluster(bin!);
      server = await startTestServer({}, { databaseUrl: cluster.url });
    });

    afterAll(async () => {
      await server?.close().catch(() => {});
      await cluster?.stop("fast").catch(() => {});
      cluster?.remove();
    });

    test("calls fail fast with 503 during the outage, nothing acknowledged is lost, and the API recovers by itself", async () => {
      const samples: Sample[] = [];
      const tokens = await Promise.all(
        [0, 1].map(async () => {
          const res = await fetch(`${server.baseUrl}/rest/v1/auth/register`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(newUser({}, "reader")),
          });
          expect(res.status).toBe(201);
          return ((await res.json()) as { token: { access_token: string } }).token.access_token;
        }),
      );

      // Steady load: three clients in a loop, each alternating sign-ups and reads on both
      // surfaces, until told to stop (and never past an upper bound of iterations).
      let loading = true;
      const order: Array<[Surface, Kind]> = [
        ["rest", "write"],
        ["trpc", "read"],
        ["trpc", "write"],
        ["rest", "read"],
      ];
      const clients = [0, 1, 2].map(async (client) => {
        for (let i = client; loading && i < 20_000; i++) {
          const [surface, kind] = order[i % order.length]!;
          samples.push(await call(server, surface, kind, tokens[client % tokens.length]!));
          await sleep(5);
        }
      });

      // When PostgreSQL was told to stop, had stopped, was told to start, accepted connections
      // again, and when the API answered everything again.
      const at = { stopping: 0, stopped: 0, starting: 0, started: 0, recovered: 0 };
      let readyDuringOutage: {
        status: number;
        retryAfter: string | null;
        ms: number;
        body: unknown;
      };
      try {
        await sleep(1_500);
        at.stopping = performance.now();
        await cluster.stop("immediate");
        at.stopped = performance.now();

        // While it is down: readiness and every kind of call, on both surfaces, fail fast.
        await sleep(300);
        const asked = performance.now();
        const ready = await fetch(`${server.baseUrl}/ready`, {
          signal: AbortSignal.timeout(CALL_BOUND_MS),
        });
        readyDuringOutage = {
          status: ready.status,
          retryAfter: ready.headers.get("retry-after"),
          body: await ready.json(),
          ms: performance.now() - asked,
        };
        await sleep(1_500);

        at.starting = performance.now();
        await cluster.start();
        at.started = performance.now();

        // Recovered: a read and a sign-up answer on both surfaces, and /ready says so.
        while (!at.recovered && performance.now() - at.starting < 10_000) {
          const probes = await Promise.all([
            call(server, "rest", "read", tokens[0]!),
            call(server, "trpc", "read", tokens[0]!),
            call(server, "rest", "write", tokens[0]!),
            call(server, "trpc", "write", tokens[0]!),
            fetch(`${server.baseUrl}/ready`, { signal: AbortSignal.timeout(CALL_BOUND_MS) }).then(
              (res) => ({ status: res.status }),
            ),
          ]);
          samples.push(...(probes.slice(0, 4) as Sample[]));
          if (probes.every((probe) => probe.status >= 200 && probe.status < 300))
            at.recovered = performance.now();
          else await sleep(50);
        }
        await sleep(500);
      } finally {
        loading = false;
        await Promise.all(clients);
      }

      const during = samples.filter((s) => s.start >= at.stopped && s.end <= at.starting);
      const after = samples.filter((s) => at.recovered && s.start >= at.recovered);
      const latency = (list: Sample[]) => Math.max(...list.map((s) => s.end - s.start));
      const summary = {
        calls: samples.length,
        duringOutage: during.length,
        stopMs: Math.round(at.stopped - at.stopping),
        worst503Ms: Math.round(latency(during)),
        readyMs: Math.round(readyDuringOutage!.ms),
        pgStartMs: Math.round(at.started - at.starting),
        recoveryMs: at.recovered ? Math.round(at.recovered - at.starting) : null,
        recoveryAfterPgReadyMs: at.recovered ? Math.round(at.recovered - at.started) : null,
      };

      // No call hung, and none answered 500.
      expect(samples.filter((s) => s.failure)).toEqual([]);
      expect(samples.filter((s) => s.status >= 500 && s.status !== 503)).toEqual([]);
      expect(Math.round(latency(samples))).toBeLessThan(2_000);

      // Readiness says the database is down, at once.
      expect(readyDuringOutage!).toMatchObject({
        status: 503,
        body: { code: "service_unavailable" },
      });
      expect(readyDuringOutage!.retryAfter).toMatch(/^\d+$/);
      expect(readyDuringOutage!.ms).toBeLessThan(2_000);

      // Every call made while the database was down: a 503 problem saying to come back later.
      for (const surface of ["rest", "trpc"] as const) {
        for (const kind of ["read", "write"] as const) {
          expect(during.some((s) => s.surface === surface && s.kind === kind)).toBe(true);
        }
      }
      for (const s of during) {
        expect({ surface: s.surface, status: s.status, code: s.code }).toEqual({
          surface: s.surface,
          status: 503,
          code: "service_unavailable",
        });
        expect(s.retryAfter).toMatch(/^\d+$/);
        expect(s.detail).toBeTruthy();
      }

      // Back within 5 s of PostgreSQL accepting connections again, without a restart of the
      // API; everything after that works.
      expect(summary.recoveryAfterPgReadyMs).not.toBeNull();
      expect(summary.recoveryAfterPgReadyMs!).toBeLessThan(5_000);
      expect(after.length).toBeGreaterThan(0);
      expect(after.filter((s) => s.status < 200 || s.status >= 300)).toEqual([]);

      // Every sign-up that was acknowledged is in the database. Some that failed may be too:
      // committed just before the connection died, answered 503.
      const acknowledged = samples.flatMap((s) => (s.login ? [s.login] : []));
      const acknowledgedBeforeStop = samples.filter((s) => s.login && s.end <= at.stopping);
      const rows = await server.database.db
        .select({ login: schema.users.login })
        .from(schema.users)
        .where(sql`${schema.users.login} like 'outage\\_%'`);
      const stored = new Set(rows.map((row) => row.login));
      process.stdout.write(
        `db outage: ${JSON.stringify({
          ...summary,
          acknowledgedBeforeStop: acknowledgedBeforeStop.length,
          acknowledged: acknowledged.length,
          rowsAfterRestart: stored.size,
        })}\n`,
      );
      expect(acknowledgedBeforeStop.length).toBeGreaterThan(0);
      expect(acknowledgedBeforeStop.filter((s) => !stored.has(s.login!))).toEqual([]);
      expect(acknowledged.filter((login) => !stored.has(login))).toEqual([]);
      expect(stored.size).toBeGreaterThanOrEqual(acknowledged.length);
    }, 60_000);
  },
);
