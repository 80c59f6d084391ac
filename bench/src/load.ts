import { performance } from "node:perf_hooks";

import autocannon from "autocannon";

import type { Measurement } from "./report.ts";

export interface HttpTarget {
  name: string;
  url: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadOptions {
  connections: number;
  seconds: number;
  warmupSeconds: number;
  /** Requests per second across all connections; unset, as fast as the server answers. */
  rate?: number;
}

/**
 * One request before any load: a target that answers with an error would otherwise be
 * measured at the speed of its error page.
 */
export async function checkTarget(target: HttpTarget): Promise<void> {
  const res = await fetch(target.url, {
    method: target.method ?? "GET",
    headers: target.headers,
    body: target.body,
  });
  const text = await res.text();
  if (!res.ok)
    throw new Error(
      `${target.name}: ${target.method ?? "GET"} ${target.url} answered ${res.status}: ${text.slice(0, 500)}`,
    );
}

/**
 * Runs autocannon in a worker thread, so the load generator and the server under test do not
 * share an event loop.
 */
function fire(
  target: HttpTarget,
  connections: number,
  seconds: number,
  rate?: number,
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        method: target.method ?? "GET",
        headers: target.headers,
        body: target.body,
        connections,
        pipelining: 1,
        duration: seconds,
        workers: 1,
        timeout: 10,
        ...(rate ? { overallRate: rate } : {}),
      },
      (error, result) => {
        clearTimeout(guard);
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else resolve(result);
      },
    );
    // autocannon stops on its own after `duration`; this only bounds a run that failed to.
    const guard = setTimeout(
      () => {
        instance.stop();
        reject(new Error(`${target.name}: the load run did not end within ${seconds + 30} s`));
      },
      (seconds + 30) * 1000,
    );
  });
}

/** Checks the target, warms it up, then measures successful responses per second and their latency. */
export async function measureHttp(target: HttpTarget, options: LoadOptions): Promise<Measurement> {
  await checkTarget(target);
  if (options.warmupSeconds > 0)
    await fire(target, options.connections, options.warmupSeconds, options.rate);
  // The servers run on this thread and autocannon on its own, so this thread's busy time is the servers'.
  const loopBefore = performance.eventLoopUtilization();
  const result = await fire(target, options.connections, options.seconds, options.rate);
  const loop = performance.eventLoopUtilization(loopBefore);
  const ok = result["2xx"];
  return {
    name: target.name,
    requestsPerSecond: ok / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    completed: ok,
    failed: result.non2xx + result.errors + result.timeouts,
    concurrency: options.connections,
    loopMicrosPerOp: ok > 0 ? (loop.active * 1000) / ok : null,
  };
}
