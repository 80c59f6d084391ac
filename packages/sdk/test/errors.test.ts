import { createServer } from "node:net";

import { afterAll, beforeAll, expect, test, vi } from "vitest";

import { errorCatalog } from "@kabinet/contracts";

import { createClient, isKabinetError, KabinetError, KabinetRequestError } from "../src/index.ts";
import { newUser, startTestServer, type TestServer } from "./helpers.ts";

let server: TestServer;
beforeAll(async () => {
  // One free failed sign-in, then the account is locked briefly: enough to see Retry-After.
  server = await startTestServer({ LOGIN_FREE_ATTEMPTS: "1" });
});
afterAll(() => server.close());

test("bad input gives validation_failed with the fields at fault", async () => {
  const client = createClient({ baseUrl: server.baseUrl });
  const error = await client.auth
    .register(newUser({ email: "not-an-email", password: "short" }))
    .catch((e: unknown) => e);

  expect(error).toBeInstanceOf(KabinetError);
  expect(error).toBeInstanceOf(Error);
  expect(isKabinetError(error, "validation_failed")).toBe(true);
  expect(isKabinetError(error, "invalid_credentials")).toBe(false);
  if (!isKabinetError(error, "validation_failed")) throw error;
  expect(error.status).toBe(400);
  expect(error.code).toBe("validation_failed");
  expect(error.title).toBe(errorCatalog.validation_failed.title);
  expect(error.operation).toBe("auth.register");
  expect(error.fieldErrors.map((f) => f.field).sort()).toEqual(["email", "password"]);
  expect(error.fieldError("email")).toEqual(expect.any(String));
  expect(error.fieldError("login")).toBeUndefined();
  expect(error.problem.errors).toEqual(error.fieldErrors);
  expect(error.message).toContain("validation_failed");
  expect(client.getTokens()).toBeNull();
});

test("a wrong password gives invalid_credentials and stores no tokens", async () => {
  const input = newUser();
  await createClient({ baseUrl: server.baseUrl }).auth.register(input);

  const onTokens = vi.fn();
  const client = createClient({ baseUrl: server.baseUrl, onTokens });
  const error = await client.auth
    .login({ login: input.login, password: "not-the-password" })
    .catch((e: unknown) => e);

  expect(isKabinetError(error, "invalid_credentials")).toBe(true);
  if (!isKabinetError(error)) throw error;
  expect(error.status).toBe(401);
  expect(error.title).toBe(errorCatalog.invalid_credentials.title);
  expect(error.fieldErrors).toEqual([]);
  expect(error.retryAfter).toBeUndefined();
  expect(client.getTokens()).toBeNull();
  expect(onTokens).not.toHaveBeenCalled();
});

test("a conflict is matched by a list of codes", async () => {
  const input = newUser();
  const client = createClient({ baseUrl: server.baseUrl });
  await client.auth.register(input);
  const error = await client.auth
    .register({ ...newUser(), login: input.login })
    .catch((e: unknown) => e);
  expect(isKabinetError(error, ["login_taken", "email_taken"])).toBe(true);
  expect(isKabinetError(error, ["email_taken"])).toBe(false);
  expect((error as KabinetError).status).toBe(409);
});

test("rate limiting reports Retry-After in seconds", async () => {
  const input = newUser();
  await createClient({ baseUrl: server.baseUrl }).auth.register(input);
  const client = createClient({ baseUrl: server.baseUrl });
  const attempt = () =>
    client.auth
      .login({ login: input.login, password: "wrong-password-1" })
      .catch((e: unknown) => e);

  expect(isKabinetError(await attempt(), "invalid_credentials")).toBe(true);
  expect(isKabinetError(await attempt(), "invalid_credentials")).toBe(true);
  const locked = await attempt();
  expect(isKabinetError(locked, "rate_limited")).toBe(true);
  if (!isKabinetError(locked)) throw locked;
  expect(locked.status).toBe(429);
  expect(locked.retryAfter).toBeGreaterThanOrEqual(1);
});

test("an unreachable server gives a network error, not a problem", async () => {
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
  const client = createClient({ baseUrl: `http://127.0.0.1:${port}` });
  const error = await client.auth.loginAvailable({ login: "anyone" }).catch((e: unknown) => e);

  expect(error).toBeInstanceOf(KabinetRequestError);
  expect(isKabinetError(error)).toBe(false);
  if (!(error instanceof KabinetRequestError)) throw error;
  expect(error.kind).toBe("network");
  expect(error.status).toBeUndefined();
  expect(error.operation).toBe("auth.loginAvailable");
  expect(error.url).toBe(`http://127.0.0.1:${port}/rest/v1/auth/login-available?login=anyone`);
  expect(error.message).toMatch(/Could not reach the Kabinet API/);
  expect(error.cause).toBeDefined();
});

test("an answer that is not the API's JSON gives a response error", async () => {
  // The API serves its docs page as HTML; pointing the client's REST root there gets HTML back.
  const client = createClient({ baseUrl: `${server.baseUrl}/docs/` });
  const spy = vi.fn();
  const error = await client.auth.loginAvailable({ login: "anyone" }).then(spy, (e: unknown) => e);
  expect(spy).not.toHaveBeenCalled();
  expect(error).toBeInstanceOf(KabinetRequestError);
  if (!(error instanceof KabinetRequestError)) throw error;
  expect(error.kind).toBe("response");
  expect(error.status).toEqual(expect.any(Number));
});

test("an aborted call rejects with the abort reason", async () => {
  const client = createClient({ baseUrl: server.baseUrl });
  const controller = new AbortController();
  controller.abort();
  const error = await client.auth
    .loginAvailable({ login: "anyone" }, { signal: controller.signal })
    .catch((e: unknown) => e);
  expect(error).not.toBeInstanceOf(KabinetRequestError);
  expect((error as Error).name).toBe("AbortError");
});
