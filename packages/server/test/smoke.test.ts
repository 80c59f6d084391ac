import { afterAll, beforeAll, expect, test } from "vitest";

import type { AuthResult, Problem, User } from "@kabinet/contracts";

import { newUser, rest, startTestServer, type TestServer } from "./helpers.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

test("sign-up then me", async () => {
  const call = rest(server);
  const reg = await call<AuthResult>("POST", "/auth/register", { body: newUser() });
  expect(reg.status).toBe(201);
  const me = await call<User>("GET", "/me", { token: reg.body.token.access_token });
  expect(me.status).toBe(200);
  expect(me.body.role).toBe("super");
});

test("operations without input may be called over tRPC with no input parameter", async () => {
  const reg = await rest(server)<AuthResult>("POST", "/auth/register", { body: newUser() });
  const res = await fetch(`${server.baseUrl}/trpc/me.get`, {
    headers: { authorization: `Bearer ${reg.body.token.access_token}` },
  });
  expect(res.status).toBe(200);
  const answer = (await res.json()) as { result: { data: { login: string } } };
  expect(answer.result.data.login).toBe(reg.body.user.login);
});

test("with every hot-path shortcut off, the app answers the same way", async () => {
  const stock = await startTestServer({
    FAST_TRPC_JSON: "false",
    FAST_EXPRESS_MESSAGES: "false",
    FAST_RATE_LIMIT_READS: "false",
    FAST_SIGN_IN: "false",
  });
  try {
    const call = rest(stock);
    const body = newUser();
    expect((await call("POST", "/auth/register", { body })).status).toBe(201);
    const signedIn = await call<AuthResult>("POST", "/auth/login", {
      body: { login: body.login, password: body.password },
    });
    expect(signedIn.status).toBe(200);
    const token = signedIn.body.token.access_token;
    const me = await call<User>("GET", "/me", { token });
    expect(me.body.login).toBe(body.login);
    const res = await fetch(`${stock.baseUrl}/trpc/me.get`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(((await res.json()) as { result: { data: { login: string } } }).result.data.login).toBe(
      body.login,
    );
    const wrong = await call<Problem>("POST", "/auth/login", {
      body: { login: body.login, password: "not-the-password" },
    });
    expect(wrong.body.code).toBe("invalid_credentials");
  } finally {
    await stock.close();
  }
});
