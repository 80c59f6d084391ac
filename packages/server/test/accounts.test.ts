import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { eq, schema } from "@kabinet/db";

import { setOneTimePassword } from "../src/domain/accounts/one-time-password.ts";
import { newUser, startTestServer, type TestServer } from "./helpers.ts";
import { expectOk, expectProblem, fields, surfaces, type Surface } from "./surfaces.ts";

describe.each(surfaces)("accounts over %s", (surfaceName, makeSurface) => {
  let server: TestServer;
  let api: Surface;
  /** The single super, registered first on this fresh database. */
  let owner: Awaited<ReturnType<typeof signUp>>;

  async function signUp(overrides: Record<string, unknown> = {}) {
    const body = newUser(overrides);
    const data = expectOk(await api.call("auth", "register", body));
    return { ...body, token: data.token, user: data.user };
  }

  /** The refresh input for this surface: the body on REST, the session cookie on tRPC. */
  function refreshInput(token: { refresh_token: string }) {
    return surfaceName === "rest" ? { refresh_token: token.refresh_token } : {};
  }

  beforeAll(async () => {
    server = await startTestServer({ REFRESH_REUSE_GRACE_SECONDS: "0" });
    api = makeSurface(server);
    owner = await signUp();
  });
  afterAll(() => server.close());

  describe("register", () => {
    test("the first account is the super admin, later ones are new users", async () => {
      expect(owner.user).toMatchObject({ role: "super", state: "activated", login: owner.login });
      const later = await signUp({
        patronymic: "Ивановна",
        birthday: "2009-04-01",
        phone: "+79991234567",
        class: 9,
      });
      expect(later.user).toMatchObject({
        role: "user",
        state: "new",
        patronymic: "Ивановна",
        birthday: "2009-04-01",
        class: 9,
      });
      expect(later.user.permissions).toContain("profile:edit");
      expect(later.user.permissions).not.toContain("users:manage");
    });

    test("returns the token object: bearer access token, refresh token and its expiry", async () => {
      const { token } = await signUp();
      expect(token).toMatchObject({ token_type: "Bearer", expires_in: 900 });
      expect(token.access_token.split(".")).toHaveLength(3);
      expect(token.expires).toBeGreaterThan(Date.now() / 1000 + 29 * 86400);
      if (surfaceName === "rest") expect(token.refresh_token).toMatch(/^kbr_/);
      else expect(token.refresh_token).toBe("");
    });

    test("refuses every invalid field with a field list", async () => {
      const outcome = await api.call("auth", "register", {
        login: ".bad.",
        email: "not-an-email",
        password: "short",
        first_name: "R2D2",
        last_name: "",
        birthday: "2999-01-01",
        phone: "12-34",
        class: 12,
      });
      expectProblem(outcome, 400, "validation_failed");
      expect(new Set(fields(outcome))).toEqual(
        new Set([
          "login",
          "email",
          "password",
          "first_name",
          "last_name",
          "birthday",
          "phone",
          "class",
        ]),
      );
    });

    test.each([
      ["UPPER", "Uppercase letters"],
      ["abc", "too short"],
      ["a".repeat(33), "too long"],
      ["name.", "trailing dot"],
      ["with space", "a space"],
    ])("refuses the login %j (%s)", async (login) => {
      expectProblem(
        await api.call("auth", "register", newUser({ login })),
        400,
        "validation_failed",
      );
    });

    test("refuses an email over 64 characters", async () => {
      const outcome = await api.call(
        "auth",
        "register",
        newUser({ email: `${"a".repeat(60)}@example.org` }),
      );
      expect(fields(outcome)).toEqual(["email"]);
    });

    test("refuses common passwords and passwords containing the login", async () => {
      const common = await api.call("auth", "register", newUser({ password: "password123" }));
      expectProblem(common, 400, "validation_failed");
      expect(fields(common)).toEqual(["password"]);
      expect(common.ok ? null : common.errors?.[0]?.code).toBe("password_common");
      const body = newUser();
      const withLogin = await api.call("auth", "register", {
        ...body,
        password: `xx${body.login}xx`,
      });
      expect(fields(withLogin)).toEqual(["password"]);
      expect(withLogin.ok ? null : withLogin.errors?.[0]?.code).toBe("password_contains_login");
    });

    test("checks the password exactly as sent, counting characters not bytes", async () => {
      const spaced = await signUp({ password: "  spaced out words  " });
      expectOk(
        await api.call("auth", "login", { login: spaced.login, password: "  spaced out words  " }),
      );
      expectProblem(
        await api.call("auth", "login", { login: spaced.login, password: "spaced out words" }),
        401,
        "invalid_credentials",
      );
      // 128 Cyrillic letters are 256 bytes: still within the 128-character limit.
      await signUp({ password: "ж".repeat(127) + "q" });
      expect(
        fields(await api.call("auth", "register", newUser({ password: "x".repeat(129) }))),
      ).toEqual(["password"]);
    });

    test("logins and emails are unique case-insensitively", async () => {
      const first = await signUp();
      const sameLogin = await api.call("auth", "register", newUser({ login: first.login }));
      expectProblem(sameLogin, 409, "login_taken");
      const sameEmail = await api.call(
        "auth",
        "register",
        newUser({ email: first.email.toUpperCase() }),
      );
      expectProblem(sameEmail, 409, "email_taken");
    });
  });

  describe("login", () => {
    test("by login or by email, case-insensitively", async () => {
      const u = await signUp();
      const byLogin = expectOk(
        await api.call("auth", "login", { login: u.login.toUpperCase(), password: u.password }),
      );
      expect(byLogin.user.id).toBe(u.user.id);
      const byEmail = expectOk(
        await api.call("auth", "login", { email: u.email.toUpperCase(), password: u.password }),
      );
      expect(byEmail.user.id).toBe(u.user.id);
      expect(byEmail.user.last_activity_at).not.toBeNull();
    });

    test("a sign-in records last activity to the minute", async () => {
      const u = await signUp();
      const soon = expectOk(
        await api.call("auth", "login", { login: u.login, password: u.password }),
      );
      // Signed up a moment ago: that activity still stands, and the account row is not rewritten.
      expect(soon.user.last_activity_at).toBe(u.user.last_activity_at);
      const earlier = new Date(Date.now() - 5 * 60_000);
      await server.database.db
        .update(schema.users)
        .set({ lastActivityAt: earlier })
        .where(eq(schema.users.id, u.user.id));
      const later = expectOk(
        await api.call("auth", "login", { login: u.login, password: u.password }),
      );
      expect(Date.parse(later.user.last_activity_at!)).toBeGreaterThan(
        earlier.getTime() + 4 * 60_000,
      );
      const [row] = await server.database.db
        .select()
        .from(schema.users)
        .where(eq(schema.users.id, u.user.id));
      expect(row!.lastActivityAt!.toISOString()).toBe(later.user.last_activity_at);
    });

    test("wrong password and unknown login give the same error", async () => {
      const u = await signUp();
      const wrong = await api.call("auth", "login", {
        login: u.login,
        password: "not-the-password",
      });
      const unknown = await api.call("auth", "login", {
        login: "nobody_here",
        password: "not-the-password",
      });
      expectProblem(wrong, 401, "invalid_credentials");
      expectProblem(unknown, 401, "invalid_credentials");
      if (!wrong.ok && !unknown.ok && surfaceName === "rest")
        expect(wrong.raw).toEqual(unknown.raw);
    });

    test("refuses an over-long password before hashing", async () => {
      const outcome = await api.call("auth", "login", {
        login: owner.login,
        password: "x".repeat(100_000),
      });
      expectProblem(outcome, 400, "validation_failed");
    });

    test("blocked and deleted accounts cannot sign in, and their sessions end at once", async () => {
      const blocked = await signUp();
      const deleted = await signUp();
      const { db } = server.database;
      await db
        .update(schema.users)
        .set({ state: "blocked" })
        .where(eq(schema.users.id, blocked.user.id));
      await db
        .update(schema.users)
        .set({ state: "deleted" })
        .where(eq(schema.users.id, deleted.user.id));
      expectProblem(
        await api.call("auth", "login", { login: blocked.login, password: blocked.password }),
        403,
        "account_blocked",
      );
      expectProblem(
        await api.call("auth", "login", { login: deleted.login, password: deleted.password }),
        401,
        "invalid_credentials",
      );
      expectProblem(
        await api.call("me", "get", {}, { token: blocked.token.access_token }),
        401,
        "session_revoked",
      );
      expectProblem(
        await api.call("me", "get", {}, { token: deleted.token.access_token }),
        401,
        "session_revoked",
      );
    });

    test("writes success and failure to the audit log", async () => {
      const u = await signUp();
      await api.call("auth", "login", { login: u.login, password: "wrong-password-1" });
      expectOk(await api.call("auth", "login", { login: u.login, password: u.password }));
      const rows = await server.database.db
        .select()
        .from(schema.auditLog)
        .where(eq(schema.auditLog.userId, u.user.id));
      expect(rows.map((r) => r.action)).toEqual([
        "auth.register",
        "auth.login_failed",
        "auth.login",
      ]);
      expect(rows[2]).toMatchObject({ actorId: u.user.id, ip: expect.any(String) });
    });
  });

  describe("tokens and sessions", () => {
    test("refresh rotates the token; the spent token reused ends the session", async () => {
      const u = await signUp();
      const fresh = expectOk(await api.call("auth", "refresh", refreshInput(u.token)));
      expect(fresh.access_token).not.toBe(u.token.access_token);
      expectOk(await api.call("me", "get", {}, { token: fresh.access_token }));
      if (surfaceName === "rest") {
        expect(fresh.refresh_token).not.toBe(u.token.refresh_token);
        expectProblem(
          await api.call("auth", "refresh", { refresh_token: u.token.refresh_token }),
          401,
          "session_revoked",
        );
        // Theft detection ended the whole session: the newest tokens stop working too.
        expectProblem(
          await api.call("auth", "refresh", { refresh_token: fresh.refresh_token }),
          401,
          "session_revoked",
        );
        expectProblem(
          await api.call("me", "get", {}, { token: fresh.access_token }),
          401,
          "session_revoked",
        );
      }
    });

    test("refresh without any token, or with an unknown one, is refused", async () => {
      expectProblem(
        await api.call("auth", "refresh", { refresh_token: "kbr_unknown" }),
        401,
        "invalid_refresh_token",
      );
    });

    test("logout ends the session: refresh and access tokens stop working", async () => {
      const u = await signUp();
      expectOk(await api.call("auth", "logout", refreshInput(u.token)));
      expectProblem(
        await api.call("me", "get", {}, { token: u.token.access_token }),
        401,
        "session_revoked",
      );
      const again = await api.call(
        "auth",
        "refresh",
        surfaceName === "rest" ? refreshInput(u.token) : {},
      );
      expect(again.ok).toBe(false);
    });

    test("sessions are listed with the current one marked, and can be ended", async () => {
      const u = await signUp();
      const second = expectOk(
        await api.call("auth", "login", { login: u.login, password: u.password }),
      );
      const list = expectOk(await api.call("me", "sessions", {}, { token: u.token.access_token }));
      expect(list.items).toHaveLength(2);
      const current = list.items.find((s) => s.current);
      const other = list.items.find((s) => !s.current);
      expect(current).toBeDefined();
      expectOk(
        await api.call("me", "revokeSession", { id: other!.id }, { token: u.token.access_token }),
      );
      expectProblem(
        await api.call("me", "get", {}, { token: second.token.access_token }),
        401,
        "session_revoked",
      );
      expectOk(await api.call("me", "get", {}, { token: u.token.access_token }));
      expectProblem(
        await api.call("me", "revokeSession", { id: other!.id }, { token: u.token.access_token }),
        404,
        "session_not_found",
      );
    });

    test("nobody ends another user's session", async () => {
      const a = await signUp();
      const b = await signUp();
      const bSessions = expectOk(
        await api.call("me", "sessions", {}, { token: b.token.access_token }),
      );
      const outcome = await api.call(
        "me",
        "revokeSession",
        { id: bSessions.items[0]!.id },
        { token: a.token.access_token },
      );
      expectProblem(outcome, 404, "session_not_found");
      expectOk(await api.call("me", "get", {}, { token: b.token.access_token }));
    });

    test("requests without a token or with a forged one are refused", async () => {
      expectProblem(await api.call("me", "get"), 401, "unauthorized");
      expectProblem(await api.call("me", "get", {}, { token: "not.a.jwt" }), 401, "invalid_token");
      const [h, p] = owner.token.access_token.split(".");
      expectProblem(
        await api.call("me", "get", {}, { token: `${h}.${p}.forgedsignature` }),
        401,
        "invalid_token",
      );
    });
  });

  describe("login availability", () => {
    test("free, taken (case-insensitively) and invalid logins", async () => {
      expect(
        expectOk(await api.call("auth", "loginAvailable", { login: "free_login_1" })),
      ).toMatchObject({ available: true });
      expect(
        expectOk(await api.call("auth", "loginAvailable", { login: owner.login.toUpperCase() })),
      ).toMatchObject({ available: false });
      const invalid = expectOk(await api.call("auth", "loginAvailable", { login: ".x" }));
      expect(invalid.available).toBe(false);
      expect(invalid.message).toBeTruthy();
    });
  });

  describe("me", () => {
    test("reads and edits my profile; null clears a field; contacts merge", async () => {
      const u = await signUp({ phone: "+79990000000" });
      const auth = { token: u.token.access_token };
      const edited = expectOk(
        await api.call(
          "me",
          "update",
          {
            first_name: "Мария-Луиза",
            display_name: "Маша",
            bio: "Люблю лазерную резку",
            background_color: "#3366ff",
            contacts: { telegram: "@masha" },
            phone: null,
          },
          auth,
        ),
      );
      expect(edited).toMatchObject({
        first_name: "Мария-Луиза",
        display_name: "Маша",
        background_color: "#3366ff",
        phone: null,
      });
      const merged = expectOk(
        await api.call("me", "update", { contacts: { viber: "+79990000001" } }, auth),
      );
      expect(merged.contacts).toEqual({
        email: null,
        phone: null,
        telegram: "@masha",
        viber: "+79990000001",
      });
      const me = expectOk(await api.call("me", "get", {}, auth));
      expect(me).toMatchObject({
        first_name: "Мария-Луиза",
        bio: "Люблю лазерную резку",
        login: u.login,
      });
      const rows = await server.database.db
        .select()
        .from(schema.auditLog)
        .where(eq(schema.auditLog.action, "user.profile_updated"));
      expect(rows.some((r) => r.userId === u.user.id)).toBe(true);
    });

    test("a role field sent to the profile is ignored", async () => {
      const u = await signUp();
      const edited = expectOk(
        await api.call(
          "me",
          "update",
          { role: "super", first_name: "Пётр" },
          {
            token: u.token.access_token,
          },
        ),
      );
      expect(edited).toMatchObject({ role: "user", first_name: "Пётр" });
    });

    test("refuses invalid profile fields", async () => {
      const u = await signUp();
      const outcome = await api.call(
        "me",
        "update",
        { background_color: "blue", birthday: "2999-12-31", bio: "x".repeat(1025) },
        { token: u.token.access_token },
      );
      expectProblem(outcome, 400, "validation_failed");
      expect(new Set(fields(outcome))).toEqual(new Set(["background_color", "birthday", "bio"]));
    });

    test("my permissions follow my role", async () => {
      const u = await signUp();
      const mine = expectOk(
        await api.call("me", "permissions", {}, { token: u.token.access_token }),
      );
      expect(mine.permissions).toEqual(["events:create", "profile:edit"]);
      const all = expectOk(
        await api.call("me", "permissions", {}, { token: owner.token.access_token }),
      );
      expect(all.permissions).toContain("users:manage");
      expect(all.permissions).toContain("logs:read");
    });
  });

  describe("password change", () => {
    test("needs the current password, applies the policy, and can end other sessions", async () => {
      const u = await signUp();
      const other = expectOk(
        await api.call("auth", "login", { login: u.login, password: u.password }),
      );
      const auth = { token: u.token.access_token };
      expectProblem(
        await api.call(
          "me",
          "changePassword",
          { password: "wrong-one-123", new_password: "another-fine-phrase-7" },
          auth,
        ),
        403,
        "wrong_password",
      );
      const weak = await api.call(
        "me",
        "changePassword",
        { password: u.password, new_password: "qwerty123" },
        auth,
      );
      expect(fields(weak)).toEqual(["new_password"]);
      expectOk(
        await api.call(
          "me",
          "changePassword",
          { password: u.password, new_password: "another-fine-phrase-7", end_other_sessions: true },
          auth,
        ),
      );
      expectOk(await api.call("me", "get", {}, auth));
      expectProblem(
        await api.call("me", "get", {}, { token: other.token.access_token }),
        401,
        "session_revoked",
      );
      expectProblem(
        await api.call("auth", "login", { login: u.login, password: u.password }),
        401,
        "invalid_credentials",
      );
      expectOk(
        await api.call("auth", "login", { login: u.login, password: "another-fine-phrase-7" }),
      );
    });

    test("with a user_id, changes only the caller's own password", async () => {
      const u = await signUp();
      const other = await signUp();
      const auth = { token: u.token.access_token };
      // Refused for another account whether or not the current password is right.
      for (const password of [u.password, "wrong-one-123"]) {
        expectProblem(
          await api.call(
            "me",
            "changePassword",
            { password, new_password: "another-fine-phrase-7", user_id: other.user.id },
            auth,
          ),
          403,
          "forbidden",
        );
      }
      expectOk(await api.call("auth", "login", { login: u.login, password: u.password }));
      expectOk(
        await api.call(
          "me",
          "changePassword",
          { password: u.password, new_password: "another-fine-phrase-7", user_id: u.user.id },
          auth,
        ),
      );
      expectOk(
        await api.call("auth", "login", { login: u.login, password: "another-fine-phrase-7" }),
      );
    });

    test("keeps other sessions unless asked", async () => {
      const u = await signUp();
      const other = expectOk(
        await api.call("auth", "login", { login: u.login, password: u.password }),
      );
      expectOk(
        await api.call(
          "me",
          "changePassword",
          { password: u.password, new_password: "kept-sessions-phrase-3" },
          { token: u.token.access_token },
        ),
      );
      expectOk(await api.call("me", "get", {}, { token: other.token.access_token }));
    });
  });

  describe("one-time passwords", () => {
    test("must be replaced at the next sign-in, and expire", async () => {
      const u = await signUp();
      const { services } = server.app;
      const oneTime = await server.database.db.transaction((tx) =>
        setOneTimePassword(services, tx, u.user.id),
      );
      expectProblem(
        await api.call("me", "get", {}, { token: u.token.access_token }),
        401,
        "session_revoked",
      );

      const signedIn = expectOk(
        await api.call("auth", "login", { login: u.login, password: oneTime }),
      );
      expect(signedIn.user.password_change_required).toBe(true);
      const auth = { token: signedIn.token.access_token };
      expectOk(await api.call("me", "get", {}, auth));
      expectProblem(
        await api.call("me", "update", { first_name: "Олег" }, auth),
        403,
        "password_change_required",
      );
      expectOk(
        await api.call(
          "me",
          "changePassword",
          { password: oneTime, new_password: "my-own-choice-42" },
          auth,
        ),
      );
      expectOk(await api.call("me", "update", { first_name: "Олег" }, auth));

      const expiring = await server.database.db.transaction((tx) =>
        setOneTimePassword(services, tx, u.user.id),
      );
      await server.database.db
        .update(schema.users)
        .set({ passwordExpiresAt: new Date(Date.now() - 1000) })
        .where(eq(schema.users.id, u.user.id));
      expectProblem(
        await api.call("auth", "login", { login: u.login, password: expiring }),
        401,
        "invalid_credentials",
      );
    });
  });
});
