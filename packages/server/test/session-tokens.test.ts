import { afterAll, beforeAll, describe, expect, test } from "vitest";

import type { AuthResult, User } from "@kabinet/contracts";
import { eq, schema } from "@kabinet/db";

import { hashSecret } from "../src/infra/tokens.ts";
import { newUser, rest, startTestServer, trpc, type TestServer } from "./helpers.ts";

/*
 * Session tokens: asked for at sign-up or sign-in with `issue_session_token`, one long-lived
 * bearer token bound to the new session, for clients that have no refresh step. It works
 * wherever an access token does and exactly while its session lives.
 */
describe.each([
  ["one statement", "true"],
  ["the ordinary session path", "false"],
])("session tokens, sign-ins written with %s", (_name, fast) => {
  let server: TestServer;
  let call: ReturnType<typeof rest>;
  let owner: string;

  beforeAll(async () => {
    server = await startTestServer({ FAST_SIGN_IN: fast });
    call = rest(server);
    const first = await call<AuthResult>("POST", "/auth/register", { body: newUser({}, "own") });
    owner = first.body.token.access_token;
  });
  afterAll(() => server.close());

  /** A new account signed in with a session token; `password` is its password. */
  async function withSessionToken(how: "register" | "login" = "login") {
    const body = newUser({}, "st");
    const registered = await call<AuthResult>("POST", "/auth/register", {
      body: how === "register" ? { ...body, issue_session_token: true } : body,
    });
    expect(registered.status).toBe(201);
    const result =
      how === "register"
        ? registered.body
        : (
            await call<AuthResult>("POST", "/auth/login", {
              body: { login: body.login, password: body.password, issue_session_token: true },
              headers: { "user-agent": "old-client/1" },
            })
          ).body;
    return { ...result, password: body.password, login: body.login, token: result.token };
  }

  const me = (token: string) => call<User>("GET", "/me", { token });

  test("only when asked for, beside the token pair", async () => {
    const body = newUser({}, "plain");
    const plain = await call<AuthResult>("POST", "/auth/register", { body });
    expect(plain.body.token).not.toHaveProperty("session_token");
    const login = await call<AuthResult>("POST", "/auth/login", {
      body: { email: body.email, password: body.password },
    });
    expect(login.body.token).not.toHaveProperty("session_token");

    for (const how of ["register", "login"] as const) {
      const signedIn = await withSessionToken(how);
      expect(signedIn.token.session_token).toMatch(/^kbs_[A-Za-z0-9_-]{43}$/);
      expect(signedIn.token.access_token).not.toBe(signedIn.token.session_token);
      expect(signedIn.token.refresh_token).toMatch(/^kbr_/);
    }
  });

  test("is a bearer token on REST and tRPC, naming its session", async () => {
    const signedIn = await withSessionToken();
    const token = signedIn.token.session_token!;
    const res = await me(token);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(signedIn.user.id);
    const { client } = trpc(server, () => token);
    expect((await client.me.get.query({})).id).toBe(signedIn.user.id);
    const sessions = await call<{ items: Array<{ current: boolean; user_agent: string }> }>(
      "GET",
      "/me/sessions",
      { token },
    );
    expect(sessions.body.items.filter((s) => s.current)).toEqual([
      expect.objectContaining({ user_agent: "old-client/1" }),
    ]);
  });

  test("only its hash is stored, on the session's row", async () => {
    const signedIn = await withSessionToken();
    const token = signedIn.token.session_token!;
    const rows = await server.database.db
      .select()
      .from(schema.sessions)
      .where(eq(schema.sessions.userId, signedIn.user.id));
    const withToken = rows.filter((r) => r.tokenHash !== null);
    expect(withToken).toHaveLength(1);
    expect(withToken[0]!.tokenHash).toBe(hashSecret(token));
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  test("an unknown or altered one is an invalid token", async () => {
    const signedIn = await withSessionToken();
    const altered = `${signedIn.token.session_token!.slice(0, -3)}AAA`;
    const res = await call<{ code: string }>("GET", "/me", { token: altered });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe("invalid_token");
  });

  test("logout with it ends its session, refresh token included", async () => {
    const signedIn = await withSessionToken();
    const token = signedIn.token.session_token!;
    expect((await call("POST", "/auth/logout", { body: { refresh_token: token } })).status).toBe(
      200,
    );
    const res = await call<{ code: string }>("GET", "/me", { token });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe("session_revoked");
    expect((await me(signedIn.token.access_token)).status).toBe(401);
    const refreshed = await call("POST", "/auth/refresh", {
      body: { refresh_token: signedIn.token.refresh_token },
    });
    expect(refreshed.status).toBe(401);
  });

  test("logout with its refresh token ends it too", async () => {
    const signedIn = await withSessionToken();
    await call("POST", "/auth/logout", { body: { refresh_token: signedIn.token.refresh_token } });
    expect((await me(signedIn.token.session_token!)).status).toBe(401);
  });

  test("ending its session, a password change, a block or a removal ends it", async () => {
    const revoked = await withSessionToken();
    const sessions = await call<{ items: Array<{ id: string; current: boolean }> }>(
      "GET",
      "/me/sessions",
      { token: revoked.token.session_token! },
    );
    const current = sessions.body.items.find((s) => s.current)!;
    await call("DELETE", `/me/sessions/${current.id}`, { token: revoked.token.access_token });
    expect((await me(revoked.token.session_token!)).status).toBe(401);

    const changed = await withSessionToken();
    const elsewhere = await call<AuthResult>("POST", "/auth/login", {
      body: { login: changed.login, password: changed.password },
    });
    const change = await call("POST", "/me/password", {
      token: elsewhere.body.token.access_token,
      body: {
        password: changed.password,
        new_password: "amber-kettle-57-meadow",
        end_other_sessions: true,
      },
    });
    expect(change.status).toBe(200);
    expect((await me(changed.token.session_token!)).status).toBe(401);
    expect((await me(elsewhere.body.token.access_token)).status).toBe(200);

    const blocked = await withSessionToken();
    await call("PUT", `/users/${blocked.user.id}/state`, {
      token: owner,
      body: { state: "blocked" },
    });
    expect((await me(blocked.token.session_token!)).status).toBe(401);

    const removed = await withSessionToken();
    await call("DELETE", `/users/${removed.user.id}`, { token: owner });
    expect((await me(removed.token.session_token!)).status).toBe(401);
  });

  test("a refresh does not change it; it lives as long as the session", async () => {
    const signedIn = await withSessionToken();
    const refreshed = await call<{ session_token?: string }>("POST", "/auth/refresh", {
      body: { refresh_token: signedIn.token.refresh_token },
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).not.toHaveProperty("session_token");
    expect((await me(signedIn.token.session_token!)).status).toBe(200);
    await server.database.db
      .update(schema.sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(schema.sessions.tokenHash, hashSecret(signedIn.token.session_token!)));
    expect((await me(signedIn.token.session_token!)).status).toBe(401);
  });
});
