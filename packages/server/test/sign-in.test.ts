import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { and, desc, eq, schema, sql } from "@kabinet/db";

import { hashSecret } from "../src/infra/tokens.ts";
import { newUser, rest, startTestServer, type TestServer } from "./helpers.ts";

interface SignedIn {
  user: { id: number; last_activity_at: string | null };
  token: { access_token: string; refresh_token: string; expires: number };
}

/** The session id an access token names. */
function sessionOf(accessToken: string): string {
  const payload = accessToken.split(".")[1]!;
  return (JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { sid: string }).sid;
}

/*
 * A sign-in is written either in one statement (domain/accounts/sign-in-statement.ts) or,
 * with FAST_SIGN_IN=false, through the ordinary session path in a transaction. Both must
 * leave the same rows; the one statement's inserts must run even when it updates no account.
 */
describe.each([
  ["one statement", "true"],
  ["the ordinary session path", "false"],
])("a sign-in written with %s", (_name, fast) => {
  let server: TestServer;
  let call: ReturnType<typeof rest>;
  const agent = "sign-in-test/1.0";

  beforeAll(async () => {
    server = await startTestServer({ FAST_SIGN_IN: fast });
    call = rest(server);
  });
  afterAll(() => server.close());

  async function signIn(login: string, password: string): Promise<SignedIn> {
    const res = await call<SignedIn>("POST", "/auth/login", {
      body: { login, password },
      headers: { "user-agent": agent },
    });
    expect(res.status).toBe(200);
    return res.body;
  }

  async function rowsOf(signedIn: SignedIn) {
    const { db } = server.app.services;
    const sessionId = sessionOf(signedIn.token.access_token);
    const [session] = await db
      .select()
      .from(schema.sessions)
      .where(eq(schema.sessions.id, sessionId));
    const refreshTokens = await db
      .select()
      .from(schema.refreshTokens)
      .where(eq(schema.refreshTokens.sessionId, sessionId));
    const [entry] = await db
      .select()
      .from(schema.auditLog)
      .where(
        and(eq(schema.auditLog.userId, signedIn.user.id), eq(schema.auditLog.action, "auth.login")),
      )
      .orderBy(desc(schema.auditLog.id))
      .limit(1);
    const [account] = await db
      .select({ lastActivityAt: schema.users.lastActivityAt })
      .from(schema.users)
      .where(eq(schema.users.id, signedIn.user.id));
    return { sessionId, session, refreshTokens, entry, account };
  }

  function expectSignInRows(signedIn: SignedIn, rows: Awaited<ReturnType<typeof rowsOf>>) {
    const { session, refreshTokens, entry } = rows;
    expect(session).toMatchObject({
      userId: signedIn.user.id,
      userAgent: agent,
      revokedAt: null,
    });
    expect(session!.ip).toMatch(/127\.0\.0\.1/);
    const days = (session!.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    expect(Math.floor(session!.expiresAt.getTime() / 1000)).toBe(signedIn.token.expires);
    expect(refreshTokens).toEqual([
      expect.objectContaining({
        tokenHash: hashSecret(signedIn.token.refresh_token),
        spentAt: null,
      }),
    ]);
    expect(entry).toMatchObject({
      actorId: signedIn.user.id,
      userId: signedIn.user.id,
      ip: session!.ip,
      userAgent: agent,
      details: {},
    });
  }

  test("writes the session, its refresh token, the audit entry and a stale last activity", async () => {
    const body = newUser({}, "sign_in");
    const registered = await call<SignedIn>("POST", "/auth/register", { body });
    await server.app.services.db
      .update(schema.users)
      .set({ lastActivityAt: sql`now() - interval '2 minutes'` })
      .where(eq(schema.users.id, registered.body.user.id));

    const signedIn = await signIn(body.login, body.password);
    const rows = await rowsOf(signedIn);
    expectSignInRows(signedIn, rows);
    expect(Date.now() - rows.account!.lastActivityAt!.getTime()).toBeLessThan(60_000);
    expect(signedIn.user.last_activity_at).toBe(rows.account!.lastActivityAt!.toISOString());

    const me = await call("GET", "/me", { token: signedIn.token.access_token });
    expect(me.status).toBe(200);
    const refreshed = await call("POST", "/auth/refresh", {
      body: { refresh_token: signedIn.token.refresh_token },
    });
    expect(refreshed.status).toBe(200);
  });

  test("a second sign-in within the minute writes its rows and leaves last activity alone", async () => {
    const body = newUser({}, "sign_in_again");
    await call("POST", "/auth/register", { body });
    const first = await signIn(body.login, body.password);
    const before = (await rowsOf(first)).account!.lastActivityAt;

    const second = await signIn(body.login, body.password);
    const rows = await rowsOf(second);
    expect(rows.sessionId).not.toBe(sessionOf(first.token.access_token));
    expectSignInRows(second, rows);
    expect(rows.account!.lastActivityAt).toEqual(before);
    expect(second.user.last_activity_at).toBe(before!.toISOString());
  });
});
