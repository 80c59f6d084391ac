import { openUserReader, startBaseline } from "./baseline.ts";
import { measureHashRate } from "./hash-rate.ts";
import { measureHttp, type HttpTarget } from "./load.ts";
import { combineRounds, pairedRatio, type Measurement, type Ratio } from "./report.ts";
import type { Settings } from "./settings.ts";
import type { SuiteInput, SuiteResult } from "./suite.ts";

export interface FoundationInput extends SuiteInput {
  /** The ordinary member measured, with the password it signs in with. */
  member: { id: number; login: string; accessToken: string; password: string };
  /** Registers a step for the run's cleanup. */
  defer: (step: () => Promise<void>) => void;
}

/** A workload that can be run once for its warm-up and then once per round. */
type Workload = (options: { seconds: number; warmupSeconds: number }) => Promise<Measurement>;

/**
 * Warms every workload up, then runs them one after another in `rounds` rounds, each for its
 * share of the measured seconds. Returns each workload's rounds.
 */
async function inRounds(
  workloads: Array<[string, Workload]>,
  settings: Settings,
  measure: FoundationInput["measure"],
): Promise<Measurement[][]> {
  const seconds = Math.max(1, Math.round(settings.seconds / settings.rounds));
  for (const [label, run] of workloads) {
    await measure(
      () => run({ seconds: settings.warmupSeconds, warmupSeconds: 0 }),
      `${label} (warm-up)`,
    );
  }
  const results: Measurement[][] = workloads.map(() => []);
  for (let round = 1; round <= settings.rounds; round++) {
    for (const [i, [label, run]] of workloads.entries()) {
      results[i]!.push(
        await measure(
          () => run({ seconds, warmupSeconds: 0 }),
          `${label}, round ${round}/${settings.rounds}`,
        ),
      );
    }
  }
  return results;
}

/** REST and tRPC against a bare baseline on a cheap read, and logins against raw hashing. */
export async function runFoundation({
  server,
  settings,
  load,
  member,
  measure,
  defer,
}: FoundationInput): Promise<SuiteResult & { ratios: Ratio[] }> {
  const bearer = { authorization: `Bearer ${member.accessToken}` };
  const reader = await openUserReader(
    server.database,
    settings.databaseUrl,
    server.config.DATABASE_POOL_SIZE,
  );
  defer(() => reader.close());
  const baseline = await startBaseline(reader);
  defer(() => baseline.close());

  const http =
    (target: HttpTarget, connections = load.connections): Workload =>
    (options) =>
      measureHttp(target, { ...load, connections, ...options });

  const [bare, rest, trpc] = await inRounds(
    [
      [
        "the bare baseline",
        http({ name: "bare GET /users/:id", url: `${baseline.baseUrl}/users/${member.id}` }),
      ],
      [
        "REST GET /rest/v1/me",
        http({
          name: "REST GET /rest/v1/me",
          url: `${server.baseUrl}/rest/v1/me`,
          headers: bearer,
        }),
      ],
      [
        "tRPC me.get",
        // me.get takes an empty object, which the tRPC client sends as `?input={}`.
        http({
          name: "tRPC GET /trpc/me.get",
          url: `${server.baseUrl}/trpc/me.get?input=${encodeURIComponent("{}")}`,
          headers: bearer,
        }),
      ],
    ],
    settings,
    measure,
  );

  const [login, rawHash] = await inRounds(
    [
      [
        "REST login",
        http(
          {
            name: "REST POST /rest/v1/auth/login",
            url: `${server.baseUrl}/rest/v1/auth/login`,
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ login: member.login, password: member.password }),
          },
          settings.hashConcurrency,
        ),
      ],
      [
        "raw argon2id verify in-process",
        (options) =>
          measureHashRate({
            name: "raw argon2id verify",
            password: member.password,
            memoryCost: server.config.ARGON2_MEMORY_KIB,
            timeCost: server.config.ARGON2_TIME_COST,
            // One verification per core: the most this machine verifies per second (twice as
            // many in flight only thrash the caches; see README).
            concurrency: settings.cores,
            ...options,
          }),
      ],
    ],
    settings,
    measure,
  );

  return {
    context: {
      rounds: settings.rounds,
      baseline_reads_via: reader.via,
      login_concurrency: settings.hashConcurrency,
      raw_hash_concurrency: settings.cores,
      argon2: `argon2id m=${server.config.ARGON2_MEMORY_KIB} KiB t=${server.config.ARGON2_TIME_COST} p=1`,
    },
    measurements: [bare!, rest!, trpc!, login!, rawHash!].map(combineRounds),
    ratios: [
      pairedRatio("REST/bare", rest!, bare!, 0.85),
      pairedRatio("tRPC/REST", trpc!, rest!, 0.8),
      pairedRatio("login/raw-hash", login!, rawHash!, 0.8),
    ],
  };
}
