import { availableParallelism } from "node:os";

import { hash, verify } from "@node-rs/argon2";
import pLimit from "p-limit";

// Algorithm.Argon2id; the package ships it as a const enum, which isolated modules cannot read.
const ARGON2ID = 2;

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  /** Burns the cost of one verification, so an unknown login answers as slowly as a known one. */
  verifyDummy(password: string): Promise<void>;
}

/**
 * argon2id on libuv's thread pool: the event loop never waits for a hash. At most one hash
 * per core runs at once (by default): each works through ~19 MiB, and more of them than cores
 * only take turns evicting each other from the caches. On two cores, two at a time verify
 * ~20% more per second than four at a time, each in half the time.
 */
export async function createPasswordHasher(opts: {
  memoryCost: number;
  timeCost: number;
  concurrency?: number;
}): Promise<PasswordHasher> {
  const limit = pLimit(opts.concurrency ?? availableParallelism());
  const params = {
    algorithm: ARGON2ID,
    memoryCost: opts.memoryCost,
    timeCost: opts.timeCost,
    parallelism: 1,
  };
  const dummyHash = await hash("kabinet-dummy-password", params);
  const verifyOrFalse = (stored: string, password: string) =>
    limit(() => verify(stored, password)).catch(() => false);
  return {
    hash: (password) => limit(() => hash(password, params)),
    verify: verifyOrFalse,
    verifyDummy: async (password) => {
      await verifyOrFalse(dummyHash, password);
    },
  };
}
