import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, request, type IncomingHttpHeaders, type RequestOptions } from "node:http";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

import { afterAll, beforeAll, expect, test } from "vitest";

/**
 * The real entry point, in its own process: SIGTERM must let requests in flight finish,
 * answer anything new with a 503 (not a reset), and end the process with 0.
 */

const appDir = fileURLToPath(new URL("..", import.meta.url));
const host = "127.0.0.1";

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, host, resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  reusedSocket: boolean;
}

/** One HTTP/1.1 exchange; `write` sends the body, in as many pieces and as slowly as it likes. */
function exchange(
  options: RequestOptions,
  write: (req: ReturnType<typeof request>) => void | Promise<void> = (req) => void req.end(),
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host, timeout: 10_000, ...options }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString("utf8"),
          reusedSocket: req.reusedSocket,
        }),
      );
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error("no answer in 10 s")));
    req.on("error", reject);
    Promise.resolve(write(req)).catch(reject);
  });
}

/** True once nothing accepts connections on the port any more. */
async function refusesConnections(port: number): Promise<boolean> {
  const socket = connect(port, host);
  try {
    await once(socket, "connect");
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ECONNREFUSED";
  } finally {
    socket.destroy();
  }
}

let child: ChildProcess;
let port: number;
let dataDir: string;
let exited: Promise<number | null>;
let output = "";

beforeAll(async () => {
  port = await freePort();
  dataDir = mkdtempSync(path.join(tmpdir(), "kabinet-shutdown-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "test",
    PORT: String(port),
    HOST: host,
    DATA_DIR: dataDir,
    ARGON2_MEMORY_KIB: "1024",
    ARGON2_TIME_COST: "1",
    LOG_LEVEL: "silent",
  };
  // The embedded database in DATA_DIR, whatever the suite itself runs on.
  delete env.DATABASE_URL;
  child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: appDir,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  exited = once(child, "exit").then(([code]) => code as number | null);

  for (let attempt = 0; attempt < 300; attempt++) {
    if (child.exitCode !== null) throw new Error(`the API exited at start-up:\n${output}`);
    const up = await exchange({ port, path: "/health", agent: false }).catch(() => null);
    if (up?.status === 200) return;
    await sleep(100);
  }
  throw new Error(`the API did not start in 30 s:\n${output}`);
});

afterAll(() => {
  if (child.exitCode === null) child.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

test("SIGTERM lets requests in flight finish, answers new ones 503 with Connection: close, and exits 0", async () => {
  const login = `drain_${Date.now().toString(36)}`;
  const password = "violet-lantern-92-harbor";
  const registered = await exchange(
    {
      port,
      path: "/rest/v1/auth/register",
      method: "POST",
      agent: false,
      headers: { "content-type": "application/json" },
    },
    (req) =>
      void req.end(
        JSON.stringify({
          login,
          email: `${login}@example.org`,
          password,
          first_name: "Анна",
          last_name: "Смирнова",
        }),
      ),
  );
  expect(registered.status).toBe(201);

  // A kept-alive connection, idle when the signal comes.
  const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });
  expect((await exchange({ port, path: "/health", agent: keepAlive })).status).toBe(200);

  // A sign-in whose body is still on its way when the signal comes.
  const body = JSON.stringify({ login, password });
  let sendRest!: () => void;
  const rest = new Promise<void>((resolve) => (sendRest = resolve));
  const inFlight = exchange(
    {
      port,
      path: "/rest/v1/auth/login",
      method: "POST",
      agent: false,
      headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
    },
    async (req) => {
      req.write(body.slice(0, 10));
      await rest;
      req.end(body.slice(10));
    },
  );
  // Awaited below; this only keeps an early failure from also reporting it as unhandled.
  inFlight.catch(() => {});
  await sleep(200);

  const signalled = performance.now();
  child.kill("SIGTERM");
  let refusing = false;
  for (let attempt = 0; attempt < 100 && !refusing; attempt++) {
    refusing = await refusesConnections(port);
    if (!refusing) await sleep(20);
  }
  expect(refusing).toBe(true);

  // New work over the kept-alive connection: a problem, and the connection closes after it.
  const late = await exchange({ port, path: "/rest/v1/me", agent: keepAlive });
  expect(late.reusedSocket).toBe(true);
  expect(late.status).toBe(503);
  expect(late.headers.connection).toBe("close");
  expect(late.headers["content-type"]).toMatch(/^application\/problem\+json/);
  expect(JSON.parse(late.body)).toMatchObject({ status: 503, code: "service_unavailable" });

  // The request in flight is served in full, and its answer closes its connection too.
  sendRest();
  const served = await inFlight;
  expect(served.status).toBe(200);
  expect(JSON.parse(served.body)).toMatchObject({ token: { access_token: expect.any(String) } });
  expect(served.headers.connection).toBe("close");

  const code = await Promise.race([exited, sleep(5_000).then(() => "still running")]);
  const drainMs = Math.round(performance.now() - signalled);
  process.stdout.write(`shutdown: exit ${String(code)} ${drainMs} ms after SIGTERM\n`);
  expect(code, output).toBe(0);
  expect(drainMs).toBeLessThan(5_000);
  keepAlive.destroy();
});
