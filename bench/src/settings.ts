import { availableParallelism } from "node:os";

export const SUITES = ["foundation", "admin", "qr", "profiles"] as const;
export type Suite = (typeof SUITES)[number];

export interface Settings {
  /** Which groups of workloads run, in the order of SUITES. */
  suites: Suite[];
  /** Measured seconds per HTTP run and for the in-process hash run. */
  seconds: number;
  /** Unmeasured seconds before each run: JIT, connection pools and caches settle. */
  warmupSeconds: number;
  /**
   * Compared workloads (REST, tRPC and the bare baseline; logins and raw hashing) run
   * alternately in this many rounds, each taking its share of `seconds`.
   */
  rounds: number;
  /** Concurrent keep-alive connections for the read benchmarks. */
  connections: number;
  /** Concurrent logins: twice the cores, more clients than the server has cores. */
  hashConcurrency: number;
  cores: number;
  /** A PostgreSQL server to create the benchmark database on; PGlite in memory without it. */
  databaseUrl: string | undefined;
  /** Accounts and audit log entries seeded for the admin suite (accounts: the profiles suite too). */
  users: number;
  logRows: number;
  /** Accounts present for the QR suite (seeded unless the admin suite seeded more). */
  qrUsers: number;
}

function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

function suites(raw: string | undefined): Suite[] {
  if (raw === undefined || raw.trim() === "" || raw.trim() === "all") return [...SUITES];
  const asked = raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = asked.filter((s) => !(SUITES as readonly string[]).includes(s));
  if (unknown.length)
    throw new Error(
      `BENCH_SUITES: unknown suite ${unknown.join(", ")}; known: ${SUITES.join(", ")}`,
    );
  return SUITES.filter((s) => asked.includes(s));
}

export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const seconds = positive("BENCH_SECONDS", env.BENCH_SECONDS, 10);
  const cores = availableParallelism();
  return {
    seconds,
    warmupSeconds: Math.min(positive("BENCH_WARMUP_SECONDS", env.BENCH_WARMUP_SECONDS, 2), seconds),
    connections: Math.round(positive("BENCH_CONNECTIONS", env.BENCH_CONNECTIONS, 10)),
    rounds: Math.round(positive("BENCH_ROUNDS", env.BENCH_ROUNDS, 5)),
    hashConcurrency: 2 * cores,
    cores,
    databaseUrl: env.DATABASE_URL || undefined,
    suites: suites(env.BENCH_SUITES),
    users: Math.round(positive("BENCH_USERS", env.BENCH_USERS, 100_000)),
    logRows: Math.round(positive("BENCH_LOG_ROWS", env.BENCH_LOG_ROWS, 1_000_000)),
    qrUsers: Math.round(positive("BENCH_QR_USERS", env.BENCH_QR_USERS, 10_000)),
  };
}
