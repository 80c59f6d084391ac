import { performance } from "node:perf_hooks";

import { hash, verify } from "@node-rs/argon2";

import type { Measurement } from "./report.ts";

// Algorithm.Argon2id; the package ships it as a const enum, which isolated modules cannot read.
const ARGON2ID = 2;

export interface HashRateOptions {
  name: string;
  password: string;
  memoryCost: number;
  timeCost: number;
  /** Verifications kept in flight at once. */
  concurrency: number;
  seconds: number;
  warmupSeconds: number;
}

/** The value at percentile `p` (0–100) of ascending `sorted`, nearest rank. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Keeps `concurrency` verify() calls in flight until `seconds` have passed. */
async function verifyFor(stored: string, options: HashRateOptions, seconds: number) {
  const latencies: number[] = [];
  const start = performance.now();
  const deadline = start + seconds * 1000;
  const lane = async () => {
    while (performance.now() < deadline) {
      const began = performance.now();
      if (!(await verify(stored, options.password)))
        throw new Error("argon2 verify rejected the password it was hashed from");
      latencies.push(performance.now() - began);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, lane));
  return { latencies, elapsedMs: performance.now() - start };
}

/**
 * The ceiling for a login: argon2id verifications per second with the server's parameters,
 * run in this process on the same libuv thread pool a login uses, with no HTTP or database.
 */
export async function measureHashRate(options: HashRateOptions): Promise<Measurement> {
  const stored = await hash(options.password, {
    algorithm: ARGON2ID,
    memoryCost: options.memoryCost,
    timeCost: options.timeCost,
    parallelism: 1,
  });
  await verifyFor(stored, options, options.warmupSeconds);
  const { latencies, elapsedMs } = await verifyFor(stored, options, options.seconds);
  latencies.sort((a, b) => a - b);
  return {
    name: options.name,
    requestsPerSecond: latencies.length / (elapsedMs / 1000),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    completed: latencies.length,
    failed: 0,
    concurrency: options.concurrency,
    // The work runs on libuv's thread pool; the main thread only waits.
    loopMicrosPerOp: null,
  };
}
