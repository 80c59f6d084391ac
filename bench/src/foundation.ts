import type { TestServer } from "@kabinet/api/testing";
import { openUserReader, startBaseline } from "./baseline.ts";
import { measureHashRate } from "./hash-rate.ts";
import { measureHttp, type LoadOptions } from "./load.ts";
import { ratio, type Measurement, type Ratio } from "./report.ts";
import type { Settings } from "./settings.ts";

export interface SuiteResult {
  context: Record<string, string | number>;
  measurements: Measurement[];
  ratios: Ratio[];
}

export interface FoundationInput {
  server: TestServer;
  settings: Settings;
  load: LoadOptions;
  /** The ordinary member measured, with the password it signs in with. */
  member: { id: number; login: string; accessToken: string; password: string };
  measure: (run: () => Promise<Measurement>, label: string) => Promise<Measurement>;
  /** Registers a step for the run's cleanup. */
  defer: (step: () => Promise<void>) => void;
}

/** REST and tRPC against a bare baseline on a cheap read, and logins against raw hashing. */
export async function runFoundation({ server, settings, load, member, measure, defer }: FoundationInput): Promise<SuiteResult> {
  const bearer = { authorization: `Bearer ${member.accessToken}` };
  const reader = await openUserReader(server.database, settings.databaseUrl, server.config.DATABASE_POOL_SIZE);
  defer(() => reader.close());
  const baseline = await startBaseline(reader);
  defer(() => baseline.close());

  const bare = await measure(
    () => measureHttp({ name: "bare GET /users/:id", url: `${baseline.baseUrl}/users/${member.id}` }, load),
    "the bare baseline",
  );
  const rest = await measure(
    () => measureHttp({ name: "REST GET /rest/v1/me", url: `${server.baseUrl}/rest/v1/me`, headers: bearer }, load),
    "REST GET /rest/v1/me",
  );
  const trpc = await measure(
    // me.get takes an empty object, which the tRPC client sends as `?input={}`.
    () =>
      measureHttp(
        { name: "tRPC GET /trpc/me.get", url: `${server.baseUrl}/trpc/me.get?input=${encodeURIComponent("{}")}`, headers: bearer },
        load,
      ),
    "tRPC me.get",
  );
  const hashLoad = { ...load, connections: settings.hashConcurrency };
  const login = await measure(
    () =>
      measureHttp(
        {
          name: "REST POST /rest/v1/auth/login",
          url: `${server.baseUrl}/rest/v1/auth/login`,
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ login: member.login, password: member.password }),
        },
        hashLoad,
      ),
    "REST login",
  );
  const rawHash = await measure(
    () =>
      measureHashRate({
        name: "raw argon2id verify",
        password: member.password,
        memoryCost: server.config.ARGON2_MEMORY_KIB,
        timeCost: server.config.ARGON2_TIME_COST,
        concurrency: settings.hashConcurrency,
        seconds: settings.seconds,
        warmupSeconds: settings.warmupSeconds,
      }),
    "raw argon2id verify in-process",
  );

  return {
    context: {
      baseline_reads_via: reader.via,
      hash_concurrency: settings.hashConcurrency,
      argon2: `argon2id m=${server.config.ARGON2_MEMORY_KIB} KiB t=${server.config.ARGON2_TIME_COST} p=1`,
    },
    measurements: [bare, rest, trpc, login, rawHash],
    ratios: [
      ratio("REST/bare", rest, bare, 0.85),
      ratio("tRPC/REST", trpc, rest, 0.8),
      ratio("login/raw-hash", login, rawHash, 0.8),
    ],
  };
}
