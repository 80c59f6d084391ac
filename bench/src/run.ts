import { startTestServer, type TestServer } from "@kabinet/api/testing";
import { openUserReader, startBaseline, type Baseline, type UserReader } from "./baseline.ts";
import { measureHashRate } from "./hash-rate.ts";
import { measureHttp } from "./load.ts";
import { busyCpuPercent } from "./machine.ts";
import { formatReport, ratio, reportJson, type Measurement } from "./report.ts";
import { loadSettings } from "./settings.ts";

const LIFTED = "1000000";
const PASSWORD = "violet-lantern-92-harbor";
/** Above this share of the cores busy before the run, the report warns that figures are noisy. */
const BUSY_PERCENT = 20;

const settings = loadSettings();
const progress = (message: string) => process.stderr.write(`${message}\n`);

const cleanups: Array<() => Promise<void>> = [];
async function cleanUp() {
  while (cleanups.length) {
    const step = cleanups.pop()!;
    await step().catch((error: unknown) => progress(`cleanup failed: ${String(error)}`));
  }
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    progress(`${signal}: stopping`);
    void cleanUp().finally(() => process.exit(130));
  });
}

interface AuthResult {
  user: { id: number; login: string };
  token: { access_token: string };
}

async function register(server: TestServer, login: string): Promise<AuthResult> {
  const res = await fetch(`${server.baseUrl}/rest/v1/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ login, email: `${login}@example.org`, password: PASSWORD, first_name: "Анна", last_name: "Смирнова" }),
  });
  const body = (await res.json()) as AuthResult;
  if (res.status !== 201) throw new Error(`Registering ${login} answered ${res.status}: ${JSON.stringify(body)}`);
  return body;
}

async function main() {
  // Other work on the machine skews every figure; how busy it was is reported with them.
  const busyBefore = await busyCpuPercent();
  progress("starting the API");
  const server = await startTestServer({
    NODE_ENV: "production",
    LOG_LEVEL: "silent",
    // Production hashing cost, stated rather than inherited from the test defaults.
    ARGON2_MEMORY_KIB: "19456",
    ARGON2_TIME_COST: "2",
    // Lifted so that no limit answers instead of the code being measured.
    LOGIN_FREE_ATTEMPTS: LIFTED,
    LOGIN_FAILS_PER_ACCOUNT_PER_HOUR: LIFTED,
    LOGIN_FAILS_PER_IP_PER_DAY: LIFTED,
    REGISTRATIONS_PER_IP_PER_HOUR: LIFTED,
    // Long enough that the token outlives any BENCH_SECONDS.
    ACCESS_TOKEN_TTL_SECONDS: "86400",
  });
  cleanups.push(() => server.close());

  // The first account becomes the super administrator; the measured one is an ordinary member.
  await register(server, "bench_admin");
  const member = await register(server, "bench_member");
  const bearer = { authorization: `Bearer ${member.token.access_token}` };

  const reader: UserReader = await openUserReader(server.database, settings.databaseUrl, server.config.DATABASE_POOL_SIZE);
  cleanups.push(() => reader.close());
  const baseline: Baseline = await startBaseline(reader);
  cleanups.push(() => baseline.close());

  const load = { connections: settings.connections, seconds: settings.seconds, warmupSeconds: settings.warmupSeconds };
  const measure = async (run: () => Promise<Measurement>, label: string) => {
    progress(`measuring ${label} (${settings.warmupSeconds} s warm-up, ${settings.seconds} s measured)`);
    return run();
  };

  const bare = await measure(
    () => measureHttp({ name: "bare GET /users/:id", url: `${baseline.baseUrl}/users/${member.user.id}` }, load),
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
          body: JSON.stringify({ login: member.user.login, password: PASSWORD }),
        },
        hashLoad,
      ),
    "REST login",
  );
  const rawHash = await measure(
    () =>
      measureHashRate({
        name: "raw argon2id verify",
        password: PASSWORD,
        memoryCost: server.config.ARGON2_MEMORY_KIB,
        timeCost: server.config.ARGON2_TIME_COST,
        concurrency: settings.hashConcurrency,
        seconds: settings.seconds,
        warmupSeconds: settings.warmupSeconds,
      }),
    "raw argon2id verify in-process",
  );

  const report = {
    context: {
      database: server.database.kind,
      baseline_reads_via: reader.via,
      node: process.version,
      cores: settings.cores,
      seconds: settings.seconds,
      warmup_seconds: settings.warmupSeconds,
      connections: settings.connections,
      hash_concurrency: settings.hashConcurrency,
      argon2: `argon2id m=${server.config.ARGON2_MEMORY_KIB} KiB t=${server.config.ARGON2_TIME_COST} p=1`,
      cpu_busy_before_percent: Math.round(busyBefore),
    },
    measurements: [bare, rest, trpc, login, rawHash],
    ratios: [
      ratio("REST/bare", rest, bare, 0.85),
      ratio("tRPC/REST", trpc, rest, 0.8),
      ratio("login/raw-hash", login, rawHash, 0.8),
    ],
    busyBefore: busyBefore > BUSY_PERCENT,
  };
  await cleanUp();
  console.log(formatReport(report));
  console.log(reportJson(report));
}

try {
  await main();
} catch (error) {
  await cleanUp();
  throw error;
}
