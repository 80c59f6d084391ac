import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { afterAll, beforeAll, expect, test } from "vitest";

import * as source from "../src/index.ts";
import { newUser, startTestServer, type TestServer } from "./helpers.ts";

/** The published entry points, as package.json names them. */
const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  exports: { ".": { types: string; default: string } };
  files: string[];
};
const entry = new URL(`../${pkg.exports["."].default}`, import.meta.url);
const types = new URL(`../${pkg.exports["."].types}`, import.meta.url);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

test("the build exists where package.json points", () => {
  expect(existsSync(entry), `${fileURLToPath(entry)} is missing: run the build first`).toBe(true);
  expect(existsSync(types)).toBe(true);
  expect(pkg.files).toContain("dist");
});

test("the built bundle works against the API on its own", async () => {
  // A computed specifier: the bundle is loaded at run time, not resolved by the type checker.
  const built = (await import(entry.href)) as typeof source;
  expect([...built.operationNames]).toEqual([...source.operationNames]);

  const bundle = readFileSync(entry, "utf8");
  expect(bundle).not.toMatch(/from ["']@kabinet\/contracts["']/);
  expect(readFileSync(types, "utf8")).not.toMatch(/from ['"]@kabinet\/contracts['"]/);

  const input = newUser();
  const client = built.createClient({ baseUrl: server.baseUrl });
  const { user } = await client.auth.register(input);
  expect((await client.me.get()).id).toBe(user.id);

  const error = await built
    .createClient({ baseUrl: server.baseUrl })
    .auth.login({ login: input.login, password: "wrong-password-1" })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(built.KabinetError);
  expect(built.isKabinetError(error, "invalid_credentials")).toBe(true);
});
