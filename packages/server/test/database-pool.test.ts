import { describe, expect, it } from "vitest";

import { defaultPoolSize, loadConfig } from "../src/config.ts";

describe("the database pool size", () => {
  it("is one connection per core, at least 2 and at most 10", () => {
    expect([1, 2, 4, 8, 10, 64].map((cores) => defaultPoolSize(cores))).toEqual([
      2, 2, 4, 8, 10, 10,
    ]);
  });

  it("defaults to this machine's and can be set", () => {
    expect(loadConfig({}).DATABASE_POOL_SIZE).toBe(defaultPoolSize());
    expect(loadConfig({ DATABASE_POOL_SIZE: "24" }).DATABASE_POOL_SIZE).toBe(24);
    expect(() => loadConfig({ DATABASE_POOL_SIZE: "0" })).toThrow();
  });
});
