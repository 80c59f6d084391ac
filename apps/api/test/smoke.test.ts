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
