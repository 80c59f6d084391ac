import { afterAll, beforeAll, expect, test } from "vitest";

import { newUser, rest, startTestServer, type TestServer } from "./helpers.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

test("sign-up then me", async () => {
  const call = rest(server);
  const reg = await call("POST", "/auth/register", { body: newUser() });
  expect(reg.status).toBe(201);
  const me = await call("GET", "/me", { token: reg.body.token.access_token });
  expect(me.status).toBe(200);
  expect(me.body.role).toBe("super");
});

test("operations without input may be called over tRPC with no input parameter", async () => {
  const reg = await rest(server)("POST", "/auth/register", { body: newUser() });
  const res = await fetch(`${server.baseUrl}/trpc/me.get`, {
    headers: { authorization: `Bearer ${reg.body.token.access_token}` },
  });
  expect(res.status).toBe(200);
  expect(((await res.json()) as any).result.data.login).toBe(reg.body.user.login);
});
