import { defaultPoolSize, startTestServer, type TestServer } from "@kabinet/server/testing";

import { runAdmin } from "./admin.ts";
import { runFoundation } from "./foundation.ts";
import { busyCpuPercent } from "./machine.ts";
import { runProfiles } from "./profiles.ts";
import { runQr } from "./qr.ts";
import { formatReport, reportJson, type Measurement, type Report } from "./report.ts";
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
    body: JSON.stringify({
      login,
      email: `${login}@example.org`,
      password: PASSWORD,
      first_name: "Анна",
      last_name: "Смирнова",
    }),
  });
  const body = (await res.json()) as AuthResult;
  if (res.status !== 201)
    throw new Error(`Registering ${login} answered ${res.status}: ${JSON.stringify(body)}`);
  return body;
}

async function main() {
  // Other work on the machine skews every figure; how busy it was is reported with them.
  const busyBefore = await busyCpuPercent();
  progress(`suites: ${settings.suites.join(", ")}`);
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
    // The production default unless stated (the tests' own is larger, for parallel-request
    // tests): setting it compares pool sizes on the same machine.
    DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE || String(defaultPoolSize()),
    // Long enough that the token outlives seeding and any BENCH_SECONDS.
    ACCESS_TOKEN_TTL_SECONDS: "86400",
  });
  cleanups.push(() => server.close());

  // The first account becomes the super administrator, who reads the admin area; the
  // foundation suite measures an ordinary member.
  const admin = await register(server, "bench_admin");

  const load = {
    connections: settings.connections,
    seconds: settings.seconds,
    warmupSeconds: settings.warmupSeconds,
  };
  const measure = async (run: () => Promise<Measurement>, label: string) => {
    progress(`measuring ${label}`);
    return run();
  };
  const defer = (step: () => Promise<void>) => void cleanups.push(step);

  const report: Report = {
    context: {
      suites: settings.suites.join(","),
      database: server.database.kind,
      node: process.version,
      cores: settings.cores,
      seconds: settings.seconds,
      warmup_seconds: settings.warmupSeconds,
      connections: settings.connections,
      database_pool: server.config.DATABASE_POOL_SIZE,
      cpu_busy_before_percent: Math.round(busyBefore),
    },
    measurements: [],
    ratios: [],
    targets: [],
    busyBefore: busyBefore > BUSY_PERCENT,
  };

  // The foundation runs first, on the nearly empty database it has always been measured on.
  if (settings.suites.includes("foundation")) {
    const member = await register(server, "bench_member");
    const foundation = await runFoundation({
      server,
      settings,
      load,
      member: {
        id: member.user.id,
        login: member.user.login,
        accessToken: member.token.access_token,
        password: PASSWORD,
      },
      measure,
      defer,
    });
    Object.assign(report.context, foundation.context);
    report.measurements.push(...foundation.measurements);
    report.ratios.push(...foundation.ratios);
  }
  // The seeded suites share one database, seeded once for the larger of them.
  const seededSuites = [
    ["admin", runAdmin],
    ["qr", runQr],
    ["profiles", runProfiles],
  ] as const;
  for (const [name, run] of seededSuites) {
    if (!settings.suites.includes(name)) continue;
    const result = await run({
      server,
      settings,
      load,
      adminToken: admin.token.access_token,
      measure,
      progress,
    });
    Object.assign(report.context, result.context);
    report.measurements.push(...result.measurements);
    report.targets.push(...result.targets);
  }

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
