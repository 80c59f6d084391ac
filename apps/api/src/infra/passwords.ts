import { hash, verify } from "@node-rs/argon2";

// Algorithm.Argon2id; the package ships it as a const enum, which isolated modules cannot read.
const ARGON2ID = 2;

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  /** Burns the cost of one verification, so an unknown login answers as slowly as a known one. */
  verifyDummy(password: string): Promise<void>;
}

/** argon2id on libuv's thread pool: the event loop never waits for a hash. */
export async function createPasswordHasher(opts: {
  memoryCost: number;
  timeCost: number;
}): Promise<PasswordHasher> {
  const params = {
    algorithm: ARGON2ID,
    memoryCost: opts.memoryCost,
    timeCost: opts.timeCost,
    parallelism: 1,
  };
  const dummyHash = await hash("kabinet-dummy-password", params);
  return {
    hash: (password) => hash(password, params),
    verify: async (stored, password) => {
      try {
        return await verify(stored, password);
      } catch {
        return false;
      }
    },
    verifyDummy: async (password) => {
      await verify(dummyHash, password).catch(() => false);
    },
  };
}
