import { Agent, createServer, request, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { afterEach, expect, test } from "vitest";

import { drainable } from "../src/http/drain.ts";

let server: Server | undefined;
afterEach(() => {
  server?.closeAllConnections();
  server?.close();
});

/** A server whose `/slow` answers only when told to. */
async function start() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  server = createServer((req, res) => {
    if (req.url === "/slow") void released.then(() => res.end("slow"));
    else res.end("fast");
  });
  const requests = drainable(server);
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { port, requests, release };
}

function get(port: number, path: string, agent: Agent | false) {
  return new Promise<IncomingMessage & { text: string }>((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, agent }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => resolve(Object.assign(res, { text })));
    });
    req.on("error", reject);
    req.end();
  });
}

test("an idle kept-alive connection is answered 503 during the grace, then closed", async () => {
  const { port, requests } = await start();
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  expect((await get(port, "/", agent)).text).toBe("fast");
  const began = performance.now();
  const drained = requests.drain({ graceMs: 300, timeoutMs: 2_000 });
  const late = await get(port, "/", agent);
  expect(late.statusCode).toBe(503);
  expect(late.headers.connection).toBe("close");
  expect(JSON.parse(late.text)).toMatchObject({ code: "service_unavailable" });
  expect(await drained).toBe(true);
  expect(performance.now() - began).toBeLessThan(1_000);
  agent.destroy();
});

test("an idle connection nobody uses is closed after the grace", async () => {
  const { port, requests } = await start();
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  await get(port, "/", agent);
  const began = performance.now();
  expect(await requests.drain({ graceMs: 200, timeoutMs: 2_000 })).toBe(true);
  const took = performance.now() - began;
  expect(took).toBeGreaterThanOrEqual(190);
  expect(took).toBeLessThan(1_000);
  agent.destroy();
});

test("a request still running at the timeout is cut, and the drain says so", async () => {
  const { port, requests } = await start();
  const slow = get(port, "/slow", false).catch((error: Error) => error);
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(await requests.drain({ graceMs: 0, timeoutMs: 200 })).toBe(false);
  expect(await slow).toBeInstanceOf(Error);
});

test("a request in flight finishes, and its answer closes the connection", async () => {
  const { port, requests, release } = await start();
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const slow = get(port, "/slow", agent);
  await new Promise((resolve) => setTimeout(resolve, 50));
  const drained = requests.drain({ graceMs: 0, timeoutMs: 2_000 });
  release();
  const answer = await slow;
  expect(answer.text).toBe("slow");
  expect(answer.headers.connection).toBe("close");
  expect(await drained).toBe(true);
  agent.destroy();
});
