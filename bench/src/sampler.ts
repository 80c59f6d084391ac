import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";

import { checkTarget, type HttpTarget, type LoadOptions } from "./load.ts";
import type { Measurement } from "./report.ts";

/** Latencies of one run, in fractional milliseconds, with the percentiles read from them. */
export interface Sampled {
  measurement: Measurement;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

/**
 * The load loop, run in a worker thread so it never shares the server's event loop:
 * `connections` keep-alive clients each send the next request as soon as the last one answers,
 * timing each with the high-resolution clock (autocannon reports whole milliseconds and no p95).
 * It speaks plain `node:http`: `fetch` spent about half a core on a thousand requests a second,
 * taken from the server it measures on a small machine.
 */
const workerSource = `
const { parentPort, workerData } = require("node:worker_threads");
const { performance } = require("node:perf_hooks");
const http = require("node:http");
const { url, headers, connections, seconds } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const latencies = [];
let failed = 0;
const end = performance.now() + seconds * 1000;
function once() {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = http.get(url, { agent, headers }, (res) => {
      res.resume();
      res.on("end", () => {
        if (res.statusCode >= 200 && res.statusCode < 300) latencies.push(performance.now() - started);
        else failed += 1;
        resolve();
      });
      res.on("error", () => { failed += 1; resolve(); });
    });
    req.on("error", () => { failed += 1; resolve(); });
  });
}
async function client() {
  while (performance.now() < end) await once();
}
Promise.all(Array.from({ length: connections }, client)).then(() => {
  agent.destroy();
  parentPort.postMessage({ latencies, failed });
});
`;

function run(
  target: HttpTarget,
  connections: number,
  seconds: number,
): Promise<{ latencies: number[]; failed: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerSource, {
      eval: true,
      workerData: { url: target.url, headers: target.headers ?? {}, connections, seconds },
    });
    worker.once("message", (result: { latencies: number[]; failed: number }) => {
      void worker.terminate();
      resolve(result);
    });
    worker.once("error", reject);
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Checks the target, warms it up, then measures GET latency percentiles under closed-loop load. */
export async function sampleHttp(target: HttpTarget, options: LoadOptions): Promise<Sampled> {
  await checkTarget(target);
  if (options.warmupSeconds > 0) await run(target, options.connections, options.warmupSeconds);
  const loopBefore = performance.eventLoopUtilization();
  const { latencies, failed } = await run(target, options.connections, options.seconds);
  const loop = performance.eventLoopUtilization(loopBefore);
  const sorted = Float64Array.from(latencies).sort();
  const values = [...sorted];
  const p50Ms = percentile(values, 50);
  const p99Ms = percentile(values, 99);
  return {
    measurement: {
      name: target.name,
      requestsPerSecond: values.length / options.seconds,
      p50Ms,
      p99Ms,
      completed: values.length,
      failed,
      concurrency: options.connections,
      loopMicrosPerOp: values.length > 0 ? (loop.active * 1000) / values.length : null,
    },
    p50Ms,
    p95Ms: percentile(values, 95),
    p99Ms,
  };
}
