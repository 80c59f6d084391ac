import { afterEach, expect, test } from "vitest";

import type { AuthResult, Token } from "@kabinet/contracts";
import { eq, schema } from "@kabinet/db";

import { newUser, rest, startTestServer, type TestServer } from "./helpers.ts";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

test("30 parallel first sign-ups make exactly one super", async () => {
  server = await startTestServer();
  const call = rest(server);
  const results = await Promise.all(
    Array.from({ length: 30 }, () =>
      call<AuthResult>("POST", "/auth/register", { body: newUser() }),
    ),
  );
  expect(results.map((r) => r.status)).toEqual(Array(30).fill(201));
  expect(results.filter((r) => r.body.user.role === "super")).toHaveLength(1);
  const supers = await server.database.db
    .select()
    .from(schema.users)
    .where(eq(schema.users.role, "super"));
  expect(supers).toHaveLength(1);
});

test("20 parallel sign-ups with one email: one succeeds, the rest are 409 problems", async () => {
  server = await startTestServer();
  const call = rest(server);
  const results = await Promise.all(
    Array.from({ length: 20 }, () =>
      call("POST", "/auth/register", { body: newUser({ email: "same@example.org" }) }),
    ),
  );
  expect(results.filter((r) => r.status === 201)).toHaveLength(1);
  const conflicts = results.filter((r) => r.status !== 201);
  expect(conflicts).toHaveLength(19);
  for (const r of conflicts) expect(r.body).toMatchObject({ status: 409, code: "email_taken" });
});

test("two parallel refreshes with one token: exactly one wins", async () => {
  server = await startTestServer();
  const call = rest(server);
  const reg = await call<AuthResult>("POST", "/auth/register", { body: newUser() });
  const refresh_token = reg.body.token.refresh_token;
  const [a, b] = await Promise.all([
    call<Token>("POST", "/auth/refresh", { body: { refresh_token } }),
    call<Token>("POST", "/auth/refresh", { body: { refresh_token } }),
  ]);
  const statuses = [a.status, b.status].sort();
  expect(statuses).toEqual([200, 401]);
  const winner = a.status === 200 ? a : b;
  // Within the grace period the loser is a tab race, not theft: the winner's session lives on.
  const me = await call("GET", "/me", { token: winner.body.access_token });
  expect(me.status).toBe(200);
  const again = await call("POST", "/auth/refresh", {
    body: { refresh_token: winner.body.refresh_token },
  });
  expect(again.status).toBe(200);
});
