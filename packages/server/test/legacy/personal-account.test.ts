import { afterAll, beforeAll, describe, expect, test } from "vitest";

import type { AuthResult, User } from "@kabinet/contracts";
import { eq, schema, sql } from "@kabinet/db";

import { hashSecret } from "../../src/infra/tokens.ts";
import { newUser, rest, startTestServer, type TestServer } from "../helpers.ts";

/**
 * The personal account API as its clients use it: `/account/...` and `/info/...`, plain JSON
 * objects, `{errorMessage}` on failure, `Authorization: <token>` (with or without `Bearer`) and
 * the browser named in a `browser` header. Fixtures come from the unified API; every assertion
 * about a legacy answer follows the original document.
 */

interface LegacyAnswer<T> {
  status: number;
  headers: Headers;
  body: T;
}

/** The account object the original answers at registration, login and `/account/me`. */
interface LegacyAccount {
  id: number;
  login: string;
  email: string;
  first_name: string;
  last_name: string;
  created_at: string;
  description: string;
  background_color: string;
  birthday: string;
  patronymic: string;
  avatar: string;
  groups: Array<{ id: number; name: string }>;
  roles: Array<{ id: number; name: string }>;
  permissions: string[];
  token: string;
}

/** What `/info/users/...` answers for one person: the account without permissions and token. */
type LegacyPublicUser = Omit<LegacyAccount, "permissions" | "token">;

interface LegacyError {
  errorMessage: string;
}

const accountKeys = [
  "avatar",
  "background_color",
  "birthday",
  "created_at",
  "description",
  "email",
  "first_name",
  "groups",
  "id",
  "last_name",
  "login",
  "patronymic",
  "permissions",
  "roles",
  "token",
];
const userKeys = accountKeys.filter((k) => k !== "permissions" && k !== "token");
const editKeys = [
  "background_color",
  "birthday",
  "description",
  "first_name",
  "last_name",
  "patronymic",
];

/** `2024-03-07 23:32:53.818302`: the original's timestamps, UTC with microseconds. */
const legacyTimestamp = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/;

/** Role ids are stable: the order of the roles from lowest to highest. */
const legacyRoles = {
  user: { id: 1, name: "user" },
  teacher: { id: 2, name: "teacher" },
  admin: { id: 3, name: "admin" },
  super: { id: 4, name: "super" },
};

const BROWSER = "Firefox 123.0";

/** The same instant as the unified API's ISO timestamp, written the original's way. */
function asLegacyTimestamp(iso: string): string {
  return `${iso.replace("T", " ").replace("Z", "")}000`;
}

function legacyClient(server: TestServer) {
  return async function call<T = unknown>(
    method: "GET" | "POST",
    path: string,
    options: {
      body?: unknown;
      raw?: string;
      token?: string;
      bearer?: boolean;
      browser?: string;
      headers?: Record<string, string>;
    } = {},
  ): Promise<LegacyAnswer<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `${options.bearer ? "Bearer " : ""}${options.token}`;
    if (options.browser) headers.browser = options.browser;
    let body = options.raw;
    if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers["content-type"] ??= "application/json";
    const res = await fetch(`${server.baseUrl}${path}`, { method, headers, body });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      body: (text ? JSON.parse(text) : undefined) as T,
    };
  };
}

type Legacy = ReturnType<typeof legacyClient>;

function expectLegacyError(res: LegacyAnswer<unknown>, status: number, message?: RegExp) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  const body = res.body as LegacyError;
  expect(Object.keys(body)).toEqual(["errorMessage"]);
  expect(typeof body.errorMessage).toBe("string");
  expect(body.errorMessage.length).toBeGreaterThan(0);
  expect(body.errorMessage).not.toMatch(/\bat .*\.ts|stack|select |insert /i);
  if (message) expect(body.errorMessage).toMatch(message);
  return body;
}

function expectAccountShape(account: LegacyAccount) {
  expect(Object.keys(account).sort()).toEqual(accountKeys);
  expect(account.id).toEqual(expect.any(Number));
  expect(account.created_at).toMatch(legacyTimestamp);
  for (const key of [
    "login",
    "email",
    "first_name",
    "last_name",
    "description",
    "background_color",
    "birthday",
    "patronymic",
    "avatar",
    "token",
  ] as const)
    expect(typeof account[key], key).toBe("string");
  expect(account.token.length).toBeGreaterThan(20);
  expect(account.roles).toHaveLength(1);
  expect(Object.values(legacyRoles)).toContainEqual(account.roles[0]);
  for (const group of account.groups) expect(Object.keys(group).sort()).toEqual(["id", "name"]);
  for (const permission of account.permissions) expect(typeof permission).toBe("string");
}

function expectUserShape(user: LegacyPublicUser) {
  expect(Object.keys(user).sort()).toEqual(userKeys);
  expect(user.created_at).toMatch(legacyTimestamp);
  expect(user.roles).toHaveLength(1);
}

describe("personal account API", () => {
  let server: TestServer;
  let legacy: Legacy;
  let unified: ReturnType<typeof rest>;
  /** The first account: the super administrator. */
  let owner: { id: number; token: string };
  /** A plain member, registered through the legacy API. */
  let member: LegacyAccount & { password: string };

  /** Registers through the legacy API and returns the answer with the password used. */
  async function register(overrides: Record<string, unknown> = {}, prefix = "acc") {
    const { login, email, password, first_name, last_name } = newUser({}, prefix);
    const body = { login, email, password, first_name, last_name, ...overrides };
    const res = await legacy<LegacyAccount>("POST", "/account/registration", {
      body,
      browser: BROWSER,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return { ...res.body, password: body.password };
  }

  beforeAll(async () => {
    server = await startTestServer();
    legacy = legacyClient(server);
    unified = rest(server);
    const first = await unified<AuthResult>("POST", "/auth/register", {
      body: newUser({}, "owner"),
    });
    owner = { id: first.body.user.id, token: first.body.token.access_token };
    member = await register({}, "member");
  });
  afterAll(() => server.close());

  describe("POST /account/registration", () => {
    test("answers the new account with every field, a token and 200", async () => {
      const body = {
        ...newUser({}, "reg"),
        first_name: "Данила",
        last_name: "Гинда",
        patronymic: "Сергеевич",
      };
      const res = await legacy<LegacyAccount>("POST", "/account/registration", {
        body,
        browser: BROWSER,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      const account = res.body;
      expectAccountShape(account);
      expect(account).toMatchObject({
        login: body.login,
        email: body.email,
        first_name: "Данила",
        last_name: "Гинда",
        patronymic: "Сергеевич",
        birthday: "",
        description: "",
        background_color: "",
        avatar: "",
        groups: [],
        roles: [legacyRoles.user],
      });
      expect(account.permissions).toEqual(expect.arrayContaining(["profile:edit"]));
      expect(JSON.stringify(account)).not.toContain(body.password);
    });

    test("without a patronymic it is an empty string", () => {
      expect(member.patronymic).toBe("");
      expect(member.roles).toEqual([legacyRoles.user]);
    });

    test("the token works at once, with or without Bearer", async () => {
      const raw = await legacy<LegacyAccount>("GET", "/account/me", { token: member.token });
      expect(raw.status).toBe(200);
      expect(raw.body.id).toBe(member.id);
      const bearer = await legacy<LegacyAccount>("GET", "/account/me", {
        token: member.token,
        bearer: true,
      });
      expect(bearer.status).toBe(200);
      expect(bearer.body.id).toBe(member.id);
    });

    test("the browser header names the session", async () => {
      const sessions = await unified<{ items: Array<{ current: boolean; user_agent: string }> }>(
        "GET",
        "/me/sessions",
        { token: member.token },
      );
      expect(sessions.status).toBe(200);
      expect(sessions.body.items.find((s) => s.current)?.user_agent).toBe(BROWSER);
    });

    test("form input errors are 400 with a message naming the problem", async () => {
      const valid = newUser({}, "bad");
      const base = {
        login: valid.login,
        email: valid.email,
        password: valid.password,
        first_name: valid.first_name,
        last_name: valid.last_name,
      };
      const post = (body: unknown) => legacy("POST", "/account/registration", { body });
      expectLegacyError(await post({ ...base, login: "ab" }), 400, /login/i);
      expectLegacyError(await post({ ...base, login: "Has Spaces" }), 400, /login/i);
      expectLegacyError(await post({ ...base, email: "not-an-email" }), 400, /email/i);
      expectLegacyError(await post({ ...base, password: "short" }), 400, /password/i);
      // Today's password policy: well-known passwords and ones containing the login are refused.
      expectLegacyError(await post({ ...base, password: "password" }), 400, /password/i);
      expectLegacyError(
        await post({ ...base, password: `${base.login}-and-more` }),
        400,
        /password/i,
      );
      expectLegacyError(await post({ ...base, first_name: "" }), 400, /first_name/i);
      expectLegacyError(await post({ ...base, last_name: "123" }), 400, /last_name/i);
      const { password: _password, ...withoutPassword } = base;
      expectLegacyError(await post(withoutPassword), 400, /password/i);
      expectLegacyError(await post([1, 2]), 400);
    });

    test("a password without upper case or digits passes, as today's policy allows", async () => {
      const { password: _password, ...account } = await register(
        { password: "violet lantern harbour" },
        "policy",
      );
      expectAccountShape(account);
    });

    test("a taken login or email is 403", async () => {
      const again = newUser({}, "dup");
      const taken = (field: "login" | "email", value: string) =>
        legacy("POST", "/account/registration", {
          body: {
            login: again.login,
            email: again.email,
            password: again.password,
            first_name: again.first_name,
            last_name: again.last_name,
            [field]: value,
          },
        });
      expectLegacyError(await taken("login", member.login), 403, /login/i);
      expectLegacyError(await taken("email", member.email.toUpperCase()), 403, /email/i);
    });

    test("a body that is not JSON is a form input error", async () => {
      expectLegacyError(await legacy("POST", "/account/registration", { raw: "{not json" }), 400);
    });
  });

  describe("POST /account/login", () => {
    test("by login: the account with groups, roles, permissions and a fresh token", async () => {
      const res = await legacy<LegacyAccount>("POST", "/account/login", {
        body: { login: member.login, password: member.password },
        browser: "Chrome 120.0",
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expectAccountShape(res.body);
      expect(res.body).toMatchObject({
        id: member.id,
        login: member.login,
        email: member.email,
        created_at: member.created_at,
        roles: [legacyRoles.user],
      });
      expect(res.body.token).not.toBe(member.token);
      const me = await legacy<LegacyAccount>("GET", "/account/me", { token: res.body.token });
      expect(me.status).toBe(200);
    });

    test("by email", async () => {
      const res = await legacy<LegacyAccount>("POST", "/account/login", {
        body: { email: member.email, password: member.password },
        browser: BROWSER,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.id).toBe(member.id);
    });

    test("the super administrator has the highest role and every permission", async () => {
      const first = await legacy<LegacyAccount>("GET", "/account/me", { token: owner.token });
      // An access token of the unified API is a token too.
      expect(first.status).toBe(200);
      expect(first.body.roles).toEqual([legacyRoles.super]);
      expect(first.body.permissions).toEqual(
        expect.arrayContaining(["users:read", "users:manage", "groups:manage"]),
      );
    });

    test("groups and their permissions show in the answer", async () => {
      const group = await unified<{ id: number; name: string }>("POST", "/groups", {
        token: owner.token,
        body: { name: "Редакция", permissions: ["news:write"] },
      });
      expect(group.status).toBe(201);
      const added = await unified("PUT", `/groups/${group.body.id}/members/${member.id}`, {
        token: owner.token,
      });
      expect(added.status).toBe(200);
      const res = await legacy<LegacyAccount>("POST", "/account/login", {
        body: { login: member.login, password: member.password },
      });
      expect(res.status).toBe(200);
      expect(res.body.groups).toEqual([{ id: group.body.id, name: "Редакция" }]);
      expect(res.body.permissions).toEqual(expect.arrayContaining(["news:write", "profile:edit"]));
      await unified("DELETE", `/groups/${group.body.id}/members/${member.id}`, {
        token: owner.token,
      });
    });

    test("wrong password and unknown login are both 403 with the same message", async () => {
      const wrong = expectLegacyError(
        await legacy("POST", "/account/login", {
          body: { login: member.login, password: "not-the-password-at-all" },
        }),
        403,
      );
      const unknown = expectLegacyError(
        await legacy("POST", "/account/login", {
          body: { login: "nobody_here_at_all", password: "not-the-password-at-all" },
        }),
        403,
      );
      expect(unknown.errorMessage).toBe(wrong.errorMessage);
      expectLegacyError(
        await legacy("POST", "/account/login", {
          body: { email: "nobody@example.org", password: member.password },
        }),
        403,
      );
    });

    test("form input errors are 400", async () => {
      const post = (body: unknown) => legacy("POST", "/account/login", { body });
      expectLegacyError(await post({ login: member.login }), 400, /password/i);
      expectLegacyError(await post({ password: member.password }), 400);
      expectLegacyError(await post({ email: "not-an-email", password: "x" }), 400, /email/i);
      expectLegacyError(await post({ login: member.login, password: "" }), 400, /password/i);
    });
  });

  describe("GET /account/login/check", () => {
    test("a free login is available", async () => {
      const res = await legacy<{ message: string; is_login_available: boolean }>(
        "GET",
        "/account/login/check?login=free_login_4242",
      );
      expect(res.status).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual(["is_login_available", "message"]);
      expect(res.body.is_login_available).toBe(true);
      expect(res.body.message.length).toBeGreaterThan(0);
    });

    test("a taken login, in any case, is not", async () => {
      const res = await legacy<{ message: string; is_login_available: boolean }>(
        "GET",
        `/account/login/check?login=${member.login.toUpperCase()}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.is_login_available).toBe(false);
      expect(res.body.message.length).toBeGreaterThan(0);
    });

    test("a login that breaks the login rule is not available, and says why", async () => {
      const res = await legacy<{ message: string; is_login_available: boolean }>(
        "GET",
        "/account/login/check?login=a%20b",
      );
      expect(res.status).toBe(200);
      expect(res.body.is_login_available).toBe(false);
      expect(res.body.message.length).toBeGreaterThan(0);
    });

    test("without the login parameter it is a form input error", async () => {
      expectLegacyError(await legacy("GET", "/account/login/check"), 400, /login/i);
    });
  });

  describe("GET /account/me", () => {
    test("the profile with every field and the token it was asked with", async () => {
      const res = await legacy<LegacyAccount>("GET", "/account/me", { token: member.token });
      expect(res.status).toBe(200);
      expectAccountShape(res.body);
      expect(res.body).toMatchObject({
        id: member.id,
        login: member.login,
        email: member.email,
        created_at: member.created_at,
        token: member.token,
      });
    });

    test("without a token, or with a wrong one, it is 403", async () => {
      expectLegacyError(await legacy("GET", "/account/me"), 403);
      expectLegacyError(await legacy("GET", "/account/me", { token: "not-a-token" }), 403);
      expectLegacyError(
        await legacy("GET", "/account/me", { token: `${member.token.slice(0, -2)}xx` }),
        403,
      );
    });
  });

  describe("POST /account/edit/info", () => {
    test("the document's example: answers the six fields as stored", async () => {
      const person = await register({ patronymic: "Сергеевич" }, "edit");
      const example = {
        background_color: "#e209e5",
        first_name: "Данила",
        last_name: "Гинда",
        patronymic: "",
        birthday: "2005-04-07",
        description: "Backend Developer from Voskresensk",
      };
      const res = await legacy<Record<string, string>>("POST", "/account/edit/info", {
        token: person.token,
        body: example,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual(editKeys);
      expect(res.body).toEqual(example);
      const me = await legacy<LegacyAccount>("GET", "/account/me", { token: person.token });
      expect(me.body).toMatchObject(example);
    });

    test("empty strings clear the optional fields", async () => {
      const person = await register({}, "clear");
      await legacy("POST", "/account/edit/info", {
        token: person.token,
        body: {
          first_name: "Анна",
          last_name: "Смирнова",
          patronymic: "Петровна",
          birthday: "2001-02-03",
          description: "Что-то о себе",
          background_color: "#005CC9",
        },
      });
      const res = await legacy<Record<string, string>>("POST", "/account/edit/info", {
        token: person.token,
        body: {
          first_name: "Анна",
          last_name: "Смирнова",
          patronymic: "",
          birthday: "",
          description: "",
          background_color: "",
        },
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        first_name: "Анна",
        last_name: "Смирнова",
        patronymic: "",
        birthday: "",
        description: "",
        background_color: "",
      });
    });

    test("form input errors are 400", async () => {
      const person = await register({}, "badedit");
      const fields = {
        first_name: "Анна",
        last_name: "Смирнова",
        patronymic: "",
        birthday: "",
        description: "",
        background_color: "",
      };
      const post = (body: Record<string, unknown>) =>
        legacy("POST", "/account/edit/info", { token: person.token, body });
      expectLegacyError(await post({ ...fields, birthday: "07.04.2005" }), 400, /birthday/i);
      expectLegacyError(await post({ ...fields, birthday: "2999-01-01" }), 400, /birthday/i);
      expectLegacyError(await post({ ...fields, background_color: "red" }), 400, /color/i);
      expectLegacyError(await post({ ...fields, first_name: "" }), 400, /first_name/i);
      expectLegacyError(
        await post({ ...fields, description: "x".repeat(300) }),
        400,
        /description/i,
      );
    });

    test("needs the token", async () => {
      expectLegacyError(
        await legacy("POST", "/account/edit/info", {
          body: { first_name: "Анна", last_name: "Смирнова" },
        }),
        403,
      );
    });
  });

  describe("GET /info/users/", () => {
    test("signed-in callers only", async () => {
      expectLegacyError(await legacy("GET", "/info/users/"), 403);
      expectLegacyError(await legacy("GET", "/info/users/", { token: "kbs_nothing" }), 403);
    });

    test("a member sees everyone's public fields; email and birthday only of themself", async () => {
      await legacy("POST", "/account/edit/info", {
        token: member.token,
        body: {
          first_name: member.first_name,
          last_name: member.last_name,
          patronymic: "",
          birthday: "2004-05-06",
          description: "Участник",
          background_color: "#005CC9",
        },
      });
      const res = await legacy<LegacyPublicUser[]>("GET", "/info/users/", {
        token: member.token,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(Array.isArray(res.body)).toBe(true);
      for (const user of res.body) expectUserShape(user);
      const ownerSeen = res.body.find((u) => u.id === owner.id);
      expect(ownerSeen).toMatchObject({ email: "", birthday: "", roles: [legacyRoles.super] });
      expect(ownerSeen!.login.length).toBeGreaterThan(0);
      expect(ownerSeen!.first_name.length).toBeGreaterThan(0);
      const self = res.body.find((u) => u.id === member.id);
      expect(self).toMatchObject({
        email: member.email,
        birthday: "2004-05-06",
        description: "Участник",
        background_color: "#005CC9",
      });
    });

    test("an administrator sees every field", async () => {
      const res = await legacy<LegacyPublicUser[]>("GET", "/info/users/", {
        token: owner.token,
      });
      expect(res.status).toBe(200);
      const seen = res.body.find((u) => u.id === member.id);
      expect(seen).toMatchObject({
        login: member.login,
        email: member.email,
        birthday: "2004-05-06",
        created_at: member.created_at,
        roles: [legacyRoles.user],
      });
    });

    test("is bounded: at most 100 accounts, oldest first; `limit` asks for fewer", async () => {
      const all = await legacy<LegacyPublicUser[]>("GET", "/info/users/", {
        token: owner.token,
      });
      expect(all.body.length).toBeGreaterThan(3);
      expect(all.body.length).toBeLessThanOrEqual(100);
      expect(all.body[0]!.id).toBe(owner.id);
      const ids = all.body.map((u) => u.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      const two = await legacy<LegacyPublicUser[]>("GET", "/info/users/?limit=2", {
        token: owner.token,
      });
      expect(two.body.map((u) => u.id)).toEqual(ids.slice(0, 2));
      expectLegacyError(
        await legacy("GET", "/info/users/?limit=1000", { token: owner.token }),
        400,
        /limit/i,
      );
    });

    test("removed accounts are left out", async () => {
      const gone = await register({}, "gone");
      const removed = await unified("DELETE", `/users/${gone.id}`, { token: owner.token });
      expect(removed.status).toBe(200);
      const res = await legacy<LegacyPublicUser[]>("GET", "/info/users/", {
        token: owner.token,
      });
      expect(res.body.map((u) => u.id)).not.toContain(gone.id);
    });

    test("blocked accounts are listed to administrators only, whatever a member asks", async () => {
      const person = await register({}, "blocked");
      const block = await unified("PUT", `/users/${person.id}/state`, {
        token: owner.token,
        body: { state: "blocked" },
      });
      expect(block.status).toBe(200);
      /** Who a list names; a parameter the route does not take may only be refused. */
      const ids = async (path: string, token: string): Promise<number[]> => {
        const res = await legacy<LegacyPublicUser[]>("GET", path, { token });
        if (res.status !== 200) {
          expectLegacyError(res, 400);
          return [];
        }
        for (const user of res.body) expectUserShape(user);
        return res.body.map((u) => u.id);
      };
      expect(await ids("/info/users/", owner.token)).toContain(person.id);
      expect(await ids("/info/users/", member.token)).not.toContain(person.id);
      for (const query of ["state=blocked", "include_blocked=true", "limit=100&all=1"])
        expect(await ids(`/info/users/?${query}`, member.token)).not.toContain(person.id);
    });
  });

  describe("GET /info/users/search-<login|id>", () => {
    test("by login and by id, the same person", async () => {
      const byLogin = await legacy<LegacyPublicUser>("GET", `/info/users/search-${member.login}`, {
        token: owner.token,
      });
      expect(byLogin.status, JSON.stringify(byLogin.body)).toBe(200);
      expectUserShape(byLogin.body);
      expect(byLogin.body).toMatchObject({
        id: member.id,
        login: member.login,
        email: member.email,
      });
      const byId = await legacy<LegacyPublicUser>("GET", `/info/users/search-${member.id}`, {
        token: owner.token,
      });
      expect(byId.status).toBe(200);
      expect(byId.body).toEqual(byLogin.body);
    });

    test("a member sees another person's public fields only", async () => {
      const res = await legacy<LegacyPublicUser>("GET", `/info/users/search-${owner.id}`, {
        token: member.token,
      });
      expect(res.status).toBe(200);
      expectUserShape(res.body);
      expect(res.body).toMatchObject({ id: owner.id, email: "", birthday: "" });
      const self = await legacy<LegacyPublicUser>("GET", `/info/users/search-${member.login}`, {
        token: member.token,
      });
      expect(self.body.email).toBe(member.email);
    });

    test("an unknown or removed person is 404", async () => {
      expectLegacyError(
        await legacy("GET", "/info/users/search-nobody_by_that_name", { token: owner.token }),
        404,
      );
      expectLegacyError(
        await legacy("GET", "/info/users/search-999999", { token: owner.token }),
        404,
      );
      const gone = await register({}, "gone");
      expect((await unified("DELETE", `/users/${gone.id}`, { token: owner.token })).status).toBe(
        200,
      );
      for (const key of [gone.login, String(gone.id)])
        expectLegacyError(
          await legacy("GET", `/info/users/search-${key}`, { token: owner.token }),
          404,
        );
    });

    test("a blocked person is found by administrators only", async () => {
      const person = await register({}, "blocked");
      const block = await unified("PUT", `/users/${person.id}/state`, {
        token: owner.token,
        body: { state: "blocked" },
      });
      expect(block.status).toBe(200);
      for (const key of [person.login, String(person.id)]) {
        const path = `/info/users/search-${key}`;
        const seen = await legacy<LegacyPublicUser>("GET", path, { token: owner.token });
        expect(seen.status).toBe(200);
        expectUserShape(seen.body);
        expect(seen.body.id).toBe(person.id);
        expectLegacyError(await legacy("GET", path, { token: member.token }), 404);
      }
    });

    test("signed-in callers only", async () => {
      expectLegacyError(await legacy("GET", `/info/users/search-${member.login}`), 403);
    });
  });

  describe("the token's life is its session's", () => {
    async function signedIn() {
      const person = await register({}, "life");
      const ok = await legacy("GET", "/account/me", { token: person.token });
      expect(ok.status).toBe(200);
      return person;
    }
    const expectDead = async (token: string) => {
      expectLegacyError(await legacy("GET", "/account/me", { token }), 403);
      expect((await unified("GET", "/me", { token })).status).toBe(401);
    };

    test("it is also a bearer token of the unified API", async () => {
      const me = await unified<User>("GET", "/me", { token: member.token });
      expect(me.status).toBe(200);
      expect(me.body.id).toBe(member.id);
    });

    test("the database keeps only its hash", async () => {
      const person = await signedIn();
      const rows = await server.database.db
        .select()
        .from(schema.sessions)
        .where(eq(schema.sessions.userId, person.id));
      const stored = JSON.stringify(rows);
      expect(stored).not.toContain(person.token);
      expect(stored).toContain(hashSecret(person.token));
      const everywhere = await server.database.db.execute(
        sql`select count(*)::int as n from audit_log where details::text like ${`%${person.token}%`}`,
      );
      expect(JSON.stringify(everywhere)).toMatch(/"n":0/);
    });

    test("logout with it ends it", async () => {
      const person = await signedIn();
      const out = await unified("POST", "/auth/logout", {
        body: { refresh_token: person.token },
      });
      expect(out.status).toBe(200);
      await expectDead(person.token);
    });

    test("ending its session ends it", async () => {
      const person = await signedIn();
      const sessions = await unified<{ items: Array<{ id: string; current: boolean }> }>(
        "GET",
        "/me/sessions",
        { token: person.token },
      );
      const current = sessions.body.items.find((s) => s.current)!;
      const other = await legacy<LegacyAccount>("POST", "/account/login", {
        body: { login: person.login, password: person.password },
      });
      const ended = await unified("DELETE", `/me/sessions/${current.id}`, {
        token: other.body.token,
      });
      expect(ended.status).toBe(200);
      await expectDead(person.token);
      expect((await legacy("GET", "/account/me", { token: other.body.token })).status).toBe(200);
    });

    test("a password change that signs out other sessions ends it", async () => {
      const person = await signedIn();
      const elsewhere = await unified<AuthResult>("POST", "/auth/login", {
        body: { login: person.login, password: person.password },
      });
      const changed = await unified("POST", "/me/password", {
        token: elsewhere.body.token.access_token,
        body: {
          password: person.password,
          new_password: "amber-kettle-57-meadow",
          end_other_sessions: true,
        },
      });
      expect(changed.status).toBe(200);
      await expectDead(person.token);
      expectLegacyError(
        await legacy("POST", "/account/login", {
          body: { login: person.login, password: person.password },
        }),
        403,
      );
      const again = await legacy<LegacyAccount>("POST", "/account/login", {
        body: { login: person.login, password: "amber-kettle-57-meadow" },
      });
      expect(again.status).toBe(200);
    });

    test("an administrator's password reset ends it", async () => {
      const person = await signedIn();
      const reset = await unified("POST", `/users/${person.id}/password-reset`, {
        token: owner.token,
      });
      expect(reset.status).toBe(200);
      await expectDead(person.token);
    });

    test("a block ends it, and a blocked account cannot sign in", async () => {
      const person = await signedIn();
      const blocked = await unified("PUT", `/users/${person.id}/state`, {
        token: owner.token,
        body: { state: "blocked" },
      });
      expect(blocked.status).toBe(200);
      await expectDead(person.token);
      expectLegacyError(
        await legacy("POST", "/account/login", {
          body: { login: person.login, password: person.password },
        }),
        403,
      );
    });

    test("removal ends it", async () => {
      const person = await signedIn();
      const removed = await unified("DELETE", `/users/${person.id}`, { token: owner.token });
      expect(removed.status).toBe(200);
      await expectDead(person.token);
      expectLegacyError(
        await legacy("POST", "/account/login", {
          body: { login: person.login, password: person.password },
        }),
        403,
      );
    });
  });

  describe("one account, two APIs", () => {
    test("what a legacy client does shows in the unified API, and back", async () => {
      const person = await register({ patronymic: "Ильич" }, "both");
      // Registered here: an administrator finds the account there, with the same data.
      const seen = await unified<User>("GET", `/users/${person.id}`, { token: owner.token });
      expect(seen.status).toBe(200);
      expect(seen.body).toMatchObject({
        login: person.login,
        email: person.email,
        first_name: person.first_name,
        last_name: person.last_name,
        patronymic: "Ильич",
        role: "user",
      });
      expect(asLegacyTimestamp(seen.body.created_at)).toBe(person.created_at);

      // Edited here: the unified API shows it.
      await legacy("POST", "/account/edit/info", {
        token: person.token,
        body: {
          first_name: "Лев",
          last_name: "Толстой",
          patronymic: "",
          birthday: "2003-09-09",
          description: "Пишу",
          background_color: "#112233",
        },
      });
      const me = await unified<User>("GET", "/me", { token: person.token });
      expect(me.body).toMatchObject({
        first_name: "Лев",
        last_name: "Толстой",
        patronymic: null,
        birthday: "2003-09-09",
        description: "Пишу",
        background_color: "#112233",
      });

      // Edited there: the legacy API shows it.
      const patched = await unified("PATCH", "/me", {
        token: person.token,
        body: { description: "Пишу романы", patronymic: "Николаевич" },
      });
      expect(patched.status).toBe(200);
      const sharp = (await import("sharp")).default;
      const png = await sharp({
        create: { width: 8, height: 8, channels: 3, background: "#3366ff" },
      })
        .png()
        .toBuffer();
      const avatar = await unified<User>("PUT", `/users/${person.id}/avatar`, {
        token: owner.token,
        body: { image: png.toString("base64") },
      });
      expect(avatar.status).toBe(200);
      const legacyMe = await legacy<LegacyAccount>("GET", "/account/me", { token: person.token });
      expect(legacyMe.body).toMatchObject({
        description: "Пишу романы",
        patronymic: "Николаевич",
        avatar: avatar.body.avatar,
      });
      expect((await fetch(`${server.baseUrl}${legacyMe.body.avatar}`)).status).toBe(200);

      // A role given there is the role here.
      const promoted = await unified("PUT", `/users/${person.id}/role`, {
        token: owner.token,
        body: { role: "teacher" },
      });
      expect(promoted.status).toBe(200);
      const teacher = await legacy<LegacyAccount>("GET", "/account/me", { token: person.token });
      expect(teacher.body.roles).toEqual([legacyRoles.teacher]);

      // Legacy sign-ins are in the audit log like any other.
      const logs = await unified<{ items: Array<{ action: string; user_agent: string | null }> }>(
        "GET",
        `/logs?user_id=${person.id}&action=auth.register`,
        { token: owner.token },
      );
      expect(logs.status, JSON.stringify(logs.body)).toBe(200);
      expect(logs.body.items).toHaveLength(1);
      expect(logs.body.items[0]!.user_agent).toBe(BROWSER);
    });
  });

  describe("unknown addresses", () => {
    test("answer 404 with the API's error body, not the web app", async () => {
      expectLegacyError(await legacy("GET", "/account/nothing-here"), 404);
      expectLegacyError(await legacy("POST", "/info/nothing-here"), 404);
    });
  });
});

describe("personal account API: limits and faults", () => {
  let server: TestServer;
  let legacy: Legacy;

  beforeAll(async () => {
    server = await startTestServer({
      REGISTRATIONS_PER_IP_PER_HOUR: "3",
      ACCESS_TOKEN_TTL_SECONDS: "1",
    });
    legacy = legacyClient(server);
  });
  afterAll(() => server.close());

  const registration = (prefix: string) => {
    const { login, email, password, first_name, last_name } = newUser({}, prefix);
    return { login, email, password, first_name, last_name };
  };

  test("the token outlives the unified API's access tokens", async () => {
    const res = await legacy<LegacyAccount>("POST", "/account/registration", {
      body: registration("long"),
    });
    expect(res.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await legacy("GET", "/account/me", { token: res.body.token })).status).toBe(200);
  });

  test("too many sign-ups from one address: 429 with Retry-After", async () => {
    let last: LegacyAnswer<unknown> | undefined;
    for (let i = 0; i < 4; i++)
      last = await legacy("POST", "/account/registration", { body: registration("many") });
    expectLegacyError(last!, 429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  test("a fault of the server is 500 with a message and nothing of its insides", async () => {
    const login = await legacy<LegacyAccount>("GET", "/account/login/check?login=faulty_one");
    expect(login.status).toBe(200);
    await server.database.db.execute(sql`drop table users cascade`);
    const res = await legacy("GET", "/account/login/check?login=faulty_one");
    expectLegacyError(res, 500);
  });
});

// An embedded database cannot be made unreachable from outside; PostgreSQL's can.
test.runIf(process.env.DATABASE_URL)(
  "personal account API: an unreachable database is 503 with Retry-After",
  async () => {
    const server = await startTestServer();
    try {
      await server.database.close();
      const res = await legacyClient(server)("GET", "/account/login/check?login=some_login");
      expectLegacyError(res, 503);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  },
);
