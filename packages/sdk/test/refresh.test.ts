import { afterAll, beforeAll, expect, test, vi } from "vitest";

import { createClient, isKabinetError, type Tokens } from "../src/index.ts";
import {
  countingFetch,
  letAccessTokensExpire,
  newUser,
  startOfSecond,
  startTestServer,
  type TestServer,
} from "./helpers.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ ACCESS_TOKEN_TTL_SECONDS: "1" });
});
afterAll(() => server.close());

async function signedUpClient() {
  const spy = countingFetch();
  const onTokens = vi.fn<(tokens: Tokens | null) => void>();
  const client = createClient({ baseUrl: server.baseUrl, fetch: spy.fetch, onTokens });
  const result = await client.auth.register(newUser());
  return { client, spy, onTokens, result };
}

test("an expired access token is refreshed once and the call retried", async () => {
  const { client, spy, onTokens, result } = await signedUpClient();
  const before = client.getTokens()!;
  await letAccessTokensExpire();

  const me = await client.me.get();
  expect(me.id).toBe(result.user.id);

  const after = client.getTokens()!;
  expect(after.accessToken).not.toBe(before.accessToken);
  expect(after.refreshToken).not.toBe(before.refreshToken);
  expect(onTokens).toHaveBeenCalledTimes(2);
  expect(onTokens).toHaveBeenLastCalledWith(after);

  expect(spy.count("/auth/refresh")).toBe(1);
  const meCalls = spy.calls.filter((c) => c.path === "/rest/v1/me");
  expect(meCalls.map((c) => c.authorization)).toEqual([
    `Bearer ${before.accessToken}`,
    `Bearer ${after.accessToken}`,
  ]);
});

test("concurrent calls with an expired token share one refresh", async () => {
  const { client, spy, onTokens } = await signedUpClient();
  await letAccessTokensExpire();

  const results = await Promise.all([
    client.me.get(),
    client.me.sessions(),
    client.me.permissions(),
    client.me.get(),
    client.me.sessions(),
  ]);
  expect(results).toHaveLength(5);
  expect(results[1]).toHaveProperty("items");
  expect(results[2]).toHaveProperty("permissions");
  expect(spy.count("/auth/refresh")).toBe(1);
  expect(onTokens).toHaveBeenCalledTimes(2);
});

test("a call after a completed refresh does not refresh again", async () => {
  const { client, spy } = await signedUpClient();
  await letAccessTokensExpire();
  await client.me.get();
  await client.me.permissions();
  expect(spy.count("/auth/refresh")).toBe(1);
});

test("a persisted refresh token alone is enough to resume the session", async () => {
  const { client: original, result } = await signedUpClient();
  const persisted = original.getTokens()!.refreshToken!;

  const spy = countingFetch();
  const onTokens = vi.fn();
  const resumed = createClient({
    baseUrl: server.baseUrl,
    refreshToken: persisted,
    fetch: spy.fetch,
    onTokens,
  });
  await startOfSecond();
  expect((await resumed.me.get()).id).toBe(result.user.id);

  expect(spy.calls.map((c) => c.path)).toEqual(["/rest/v1/auth/refresh", "/rest/v1/me"]);
  expect(spy.calls[1]!.authorization).toBe(`Bearer ${resumed.getTokens()!.accessToken}`);
  expect(resumed.getTokens()!.refreshToken).not.toBe(persisted);
  expect(onTokens).toHaveBeenCalledTimes(1);
});

test("a refused refresh token ends the client's session", async () => {
  const { client, result } = await signedUpClient();
  await letAccessTokensExpire();

  const onTokens = vi.fn();
  const forged = createClient({
    baseUrl: server.baseUrl,
    accessToken: result.token.access_token,
    refreshToken: "kbr_not-a-real-refresh-token",
    onTokens,
  });
  const error = await forged.me.get().catch((e: unknown) => e);
  expect(isKabinetError(error, "invalid_refresh_token")).toBe(true);
  expect(forged.getTokens()).toBeNull();
  expect(onTokens).toHaveBeenCalledWith(null);

  // The genuine holder is unaffected.
  expect((await client.me.get()).id).toBe(result.user.id);
});

test("errors other than invalid_token do not trigger a refresh", async () => {
  const { client, spy } = await signedUpClient();
  const error = await client.me.update({ phone: "not a phone" }).catch((e: unknown) => e);
  expect(isKabinetError(error, "validation_failed")).toBe(true);
  expect(spy.count("/auth/refresh")).toBe(0);
});

test("calling auth.refresh by hand uses and replaces the stored refresh token", async () => {
  const { client, spy, onTokens } = await signedUpClient();
  const before = client.getTokens()!;
  const token = await client.auth.refresh();
  expect(token.refresh_token).not.toBe(before.refreshToken);
  expect(client.getTokens()).toEqual({
    accessToken: token.access_token,
    refreshToken: token.refresh_token,
  });
  expect(onTokens).toHaveBeenLastCalledWith(client.getTokens());
  expect(spy.count("/auth/refresh")).toBe(1);
});
