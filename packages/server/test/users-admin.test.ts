import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { operations, type Operations } from "@kabinet/contracts";

import { newUser, startTestServer, type TestServer } from "./helpers.ts";
import { expectOk, expectProblem, fields, surfaces, type Surface } from "./surfaces.ts";

/** Operations of this admin area, with an input that is valid for each. */
const adminCalls: Array<[keyof Operations, string, Record<string, unknown>]> = [
  ["users", "list", {}],
  ["users", "get", { id: 1 }],
  ["users", "getByLogin", { login: "somebody" }],
  ["users", "create", newUser({}, "nobody")],
  ["users", "update", { id: 1, first_name: "Пётр" }],
  ["users", "setRole", { id: 1, role: "teacher" }],
  ["users", "setState", { id: 1, state: "blocked" }],
  ["users", "setAvatar", { id: 1, image: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB" }],
  ["users", "resetPassword", { id: 1 }],
  ["users", "permissions", { id: 1 }],
  ["users", "remove", { id: 1 }],
  ["groups", "list", {}],
  ["groups", "get", { id: 1 }],
  ["groups", "create", { name: "Forbidden" }],
  ["groups", "update", { id: 1, name: "Renamed" }],
  ["groups", "remove", { id: 1 }],
  ["groups", "members", { id: 1 }],
  ["groups", "addMember", { id: 1, user_id: 1 }],
  ["groups", "removeMember", { id: 1, user_id: 1 }],
  ["permissions", "list", {}],
  ["logs", "list", {}],
  ["logs", "export", {}],
];

/** Operations of the admin area's groups that every signed-in person may call. */
const membersOperations = new Set(["users.directory", "users.directoryEntry"]);

describe.each(surfaces)("users administration over %s", (_surfaceName, makeSurface) => {
  let server: TestServer;
  let api: Surface;
  const accounts: Record<
    "owner" | "admin" | "teacher" | "member",
    { id: number; login: string; password: string; token: string }
  > = {} as never;

  async function signIn(login: string, password: string): Promise<string> {
    return expectOk(await api.call("auth", "login", { login, password })).token.access_token;
  }

  /** Creates an account as `by` and signs it in. */
  async function create(
    by: string,
    role: "user" | "teacher" | "admin",
    overrides: Record<string, unknown> = {},
  ) {
    const body = newUser({ role, ...overrides }, role);
    const { user } = expectOk(await api.call("users", "create", body, { token: by }));
    return {
      id: user.id,
      login: body.login,
      password: body.password,
      token: await signIn(body.login, body.password),
    };
  }

  beforeAll(async () => {
    server = await startTestServer();
    api = makeSurface(server);
    const ownerBody = newUser({}, "owner");
    const owner = expectOk(await api.call("auth", "register", ownerBody));
    accounts.owner = {
      id: owner.user.id,
      login: ownerBody.login,
      password: ownerBody.password,
      token: owner.token.access_token,
    };
    accounts.admin = await create(accounts.owner.token, "admin");
    accounts.teacher = await create(accounts.admin.token, "teacher");
    const memberBody = newUser({}, "member");
    const member = expectOk(await api.call("auth", "register", memberBody));
    accounts.member = {
      id: member.user.id,
      login: memberBody.login,
      password: memberBody.password,
      token: member.token.access_token,
    };
  });
  afterAll(() => server.close());

  describe("access", () => {
    test("every admin operation is listed here", () => {
      const listed = new Set(adminCalls.map(([g, n]) => `${g}.${n}`));
      for (const group of ["users", "groups", "permissions", "logs"] as const) {
        for (const name of Object.keys(operations[group]))
          if (!membersOperations.has(`${group}.${name}`))
            expect(listed, `${group}.${name}`).toContain(`${group}.${name}`);
      }
    });

    test.each(adminCalls)("%s.%s: 401 without a token", async (group, name, input) => {
      expectProblem(await api.call(group, name, input), 401, "unauthorized");
    });

    test.each(adminCalls)("%s.%s: 403 for a plain user", async (group, name, input) => {
      expectProblem(
        await api.call(group, name, input, { token: accounts.member.token }),
        403,
        "forbidden",
      );
    });

    test("teachers may not list users or manage groups by default", async () => {
      expectProblem(
        await api.call("users", "list", {}, { token: accounts.teacher.token }),
        403,
        "forbidden",
      );
      expectProblem(
        await api.call("groups", "list", {}, { token: accounts.teacher.token }),
        403,
        "forbidden",
      );
    });

    test("only super changes roles", async () => {
      const outcome = await api.call(
        "users",
        "setRole",
        { id: accounts.member.id, role: "teacher" },
        { token: accounts.admin.token },
      );
      expectProblem(outcome, 403, "forbidden");
    });
  });

  describe("create", () => {
    test("admins create users and teachers, never admins", async () => {
      const teacher = await create(accounts.admin.token, "teacher");
      const me = expectOk(await api.call("me", "get", {}, { token: teacher.token }));
      expect(me).toMatchObject({
        role: "teacher",
        state: "activated",
        password_change_required: false,
      });
      const outcome = await api.call("users", "create", newUser({ role: "admin" }), {
        token: accounts.admin.token,
      });
      expectProblem(outcome, 403, "forbidden");
      expectProblem(
        await api.call("users", "create", newUser({ role: "super" }), {
          token: accounts.owner.token,
        }),
        400,
        "validation_failed",
      );
    });

    test("without a password, a one-time password is returned once and must be changed", async () => {
      const body = newUser({}, "fresh");
      delete (body as { password?: string }).password;
      const created = expectOk(
        await api.call("users", "create", body, { token: accounts.admin.token }),
      );
      expect(created.one_time_password).toMatch(/^[A-Za-z0-9]{16}$/);
      expect(created.user.password_change_required).toBe(true);
      const token = await signIn(body.login, created.one_time_password!);
      expectProblem(
        await api.call("me", "update", { first_name: "Олег" }, { token }),
        403,
        "password_change_required",
      );
    });

    test("refuses taken logins and emails, and invalid fields", async () => {
      const taken = await api.call("users", "create", newUser({ login: accounts.member.login }), {
        token: accounts.admin.token,
      });
      expectProblem(taken, 409, "login_taken");
      const email = newUser({}, "dup");
      expectOk(await api.call("users", "create", email, { token: accounts.admin.token }));
      expectProblem(
        await api.call("users", "create", newUser({ email: email.email.toUpperCase() }), {
          token: accounts.admin.token,
        }),
        409,
        "email_taken",
      );
      const invalid = await api.call("users", "create", newUser({ email: "nope", role: "pilot" }), {
        token: accounts.admin.token,
      });
      expectProblem(invalid, 400, "validation_failed");
      expect(new Set(fields(invalid))).toEqual(new Set(["email", "role"]));
    });
  });

  describe("list", () => {
    const surname = `Зайцев${Array.from({ length: 5 }, () => "абвгдежзиклмн"[Math.floor(Math.random() * 13)]).join("")}`;
    let made: number[] = [];

    beforeAll(async () => {
      made = [];
      for (let i = 0; i < 5; i++) {
        const body = newUser(
          {
            last_name: surname,
            role: i < 2 ? "teacher" : "user",
            first_name: `Иван${"а".repeat(i + 1)}`,
          },
          `zz${i}`,
        );
        made.push(
          expectOk(await api.call("users", "create", body, { token: accounts.admin.token })).user
            .id,
        );
      }
    });

    test("searches logins, names and emails, case-insensitively, with a total", async () => {
      const byName = expectOk(
        await api.call(
          "users",
          "list",
          { q: surname.toUpperCase() },
          { token: accounts.admin.token },
        ),
      );
      expect(byName.total).toBe(5);
      expect(byName.items.map((u) => u.id).sort()).toEqual([...made].sort());
      const byEmail = expectOk(
        await api.call(
          "users",
          "list",
          { q: `${accounts.member.login}@` },
          { token: accounts.admin.token },
        ),
      );
      expect(byEmail.items.map((u) => u.id)).toEqual([accounts.member.id]);
      const none = expectOk(
        await api.call("users", "list", { q: "%_%" }, { token: accounts.admin.token }),
      );
      expect(none).toMatchObject({ items: [], total: 0, next_cursor: null });
    });

    test("filters by role and pages by cursor without gaps or repeats", async () => {
      const teachers = expectOk(
        await api.call(
          "users",
          "list",
          { q: surname, role: "teacher" },
          { token: accounts.admin.token },
        ),
      );
      expect(teachers.total).toBe(2);
      for (const order of ["asc", "desc"] as const) {
        for (const sort of ["created_at", "login", "last_activity_at"] as const) {
          const seen: number[] = [];
          let cursor: string | undefined;
          do {
            const page = expectOk(
              await api.call(
                "users",
                "list",
                { q: surname, sort, order, limit: 2, ...(cursor ? { cursor } : {}) },
                { token: accounts.admin.token },
              ),
            );
            expect(page.total).toBe(5);
            seen.push(...page.items.map((u) => u.id));
            cursor = page.next_cursor ?? undefined;
          } while (cursor);
          expect(seen.length, `${sort} ${order}`).toBe(5);
          expect(new Set(seen)).toEqual(new Set(made));
          if (sort === "created_at")
            expect(seen).toEqual(order === "asc" ? made : [...made].reverse());
        }
      }
    });

    test("sorts by login", async () => {
      const page = expectOk(
        await api.call(
          "users",
          "list",
          { q: surname, sort: "login", order: "asc" },
          { token: accounts.admin.token },
        ),
      );
      const logins = page.items.map((u) => u.login);
      expect(logins).toEqual([...logins].sort());
    });

    test("refuses limits over 100, forged cursors and cursors of another order", async () => {
      expect(
        fields(await api.call("users", "list", { limit: 101 }, { token: accounts.admin.token })),
      ).toEqual(["limit"]);
      expect(
        fields(
          await api.call("users", "list", { cursor: "bm9wZQ" }, { token: accounts.admin.token }),
        ),
      ).toEqual(["cursor"]);
      const first = expectOk(
        await api.call("users", "list", { limit: 1 }, { token: accounts.admin.token }),
      );
      const other = await api.call(
        "users",
        "list",
        { limit: 1, sort: "login", cursor: first.next_cursor },
        { token: accounts.admin.token },
      );
      expectProblem(other, 400, "validation_failed");
    });

    test("filters by group and state; deleted accounts only on request", async () => {
      const group = expectOk(
        await api.call(
          "groups",
          "create",
          { name: `Listers ${surname}` },
          { token: accounts.admin.token },
        ),
      );
      expectOk(
        await api.call(
          "groups",
          "addMember",
          { id: group.id, user_id: made[0] },
          { token: accounts.admin.token },
        ),
      );
      const inGroup = expectOk(
        await api.call("users", "list", { group_id: group.id }, { token: accounts.admin.token }),
      );
      expect(inGroup.items.map((u) => u.id)).toEqual([made[0]]);
      expect(inGroup.items[0]?.groups).toEqual([{ id: group.id, name: group.name }]);
      expectOk(await api.call("users", "remove", { id: made[4] }, { token: accounts.admin.token }));
      const live = expectOk(
        await api.call("users", "list", { q: surname }, { token: accounts.admin.token }),
      );
      expect(live.total).toBe(4);
      const deleted = expectOk(
        await api.call(
          "users",
          "list",
          { q: surname, state: "deleted" },
          { token: accounts.admin.token },
        ),
      );
      expect(deleted.items.map((u) => u.id)).toEqual([made[4]]);
    });
  });

  describe("read", () => {
    test("by id and by login; unknown ones are 404", async () => {
      const byId = expectOk(
        await api.call("users", "get", { id: accounts.member.id }, { token: accounts.admin.token }),
      );
      expect(byId.login).toBe(accounts.member.login);
      const byLogin = expectOk(
        await api.call(
          "users",
          "getByLogin",
          { login: accounts.member.login },
          { token: accounts.admin.token },
        ),
      );
      expect(byLogin.id).toBe(accounts.member.id);
      expectProblem(
        await api.call("users", "get", { id: 999_999 }, { token: accounts.admin.token }),
        404,
        "user_not_found",
      );
      expectProblem(
        await api.call(
          "users",
          "getByLogin",
          { login: "no.such.person" },
          { token: accounts.admin.token },
        ),
        404,
        "user_not_found",
      );
      expectProblem(
        await api.call("users", "get", { id: -1 }, { token: accounts.admin.token }),
        400,
        "validation_failed",
      );
    });
  });

  describe("update", () => {
    test("edits any subset of fields; a role field is ignored", async () => {
      const target = await create(accounts.admin.token, "user");
      const updated = expectOk(
        await api.call(
          "users",
          "update",
          { id: target.id, first_name: "Пётр", class: 7, role: "admin" },
          { token: accounts.admin.token },
        ),
      );
      expect(updated).toMatchObject({ first_name: "Пётр", class: 7, role: "user" });
    });

    test("admins may not edit admins or the super; conflicts are 409", async () => {
      const other = await create(accounts.owner.token, "admin");
      expectProblem(
        await api.call(
          "users",
          "update",
          { id: other.id, first_name: "Ян" },
          { token: accounts.admin.token },
        ),
        403,
        "forbidden",
      );
      expectProblem(
        await api.call(
          "users",
          "update",
          { id: accounts.owner.id, first_name: "Ян" },
          { token: accounts.admin.token },
        ),
        403,
        "forbidden",
      );
      const target = await create(accounts.admin.token, "user");
      expectProblem(
        await api.call(
          "users",
          "update",
          { id: target.id, login: accounts.member.login },
          { token: accounts.admin.token },
        ),
        409,
        "login_taken",
      );
      expectProblem(
        await api.call(
          "users",
          "update",
          { id: 999_999, first_name: "Ян" },
          { token: accounts.admin.token },
        ),
        404,
        "user_not_found",
      );
    });
  });

  describe("roles", () => {
    test("super promotes and demotes; the change applies on the next request", async () => {
      const target = await create(accounts.admin.token, "user");
      expectProblem(await api.call("users", "list", {}, { token: target.token }), 403, "forbidden");
      const promoted = expectOk(
        await api.call(
          "users",
          "setRole",
          { id: target.id, role: "admin" },
          { token: accounts.owner.token },
        ),
      );
      expect(promoted.role).toBe("admin");
      expectOk(await api.call("users", "list", {}, { token: target.token }));
      expectOk(
        await api.call(
          "users",
          "setRole",
          { id: target.id, role: "user" },
          { token: accounts.owner.token },
        ),
      );
      expectProblem(await api.call("users", "list", {}, { token: target.token }), 403, "forbidden");
    });

    test("the super's own role never changes and nobody becomes a second super", async () => {
      expectProblem(
        await api.call(
          "users",
          "setRole",
          { id: accounts.owner.id, role: "admin" },
          { token: accounts.owner.token },
        ),
        403,
        "forbidden",
      );
      expectProblem(
        await api.call(
          "users",
          "setRole",
          { id: accounts.member.id, role: "super" },
          { token: accounts.owner.token },
        ),
        400,
        "validation_failed",
      );
      expectProblem(
        await api.call(
          "users",
          "setRole",
          { id: 999_999, role: "user" },
          { token: accounts.owner.token },
        ),
        404,
        "user_not_found",
      );
    });
  });

  describe("block and unblock", () => {
    test("a block ends sessions at once and stops sign-in; unblock restores it", async () => {
      const target = await create(accounts.admin.token, "user");
      const blocked = expectOk(
        await api.call(
          "users",
          "setState",
          { id: target.id, state: "blocked" },
          { token: accounts.admin.token },
        ),
      );
      expect(blocked.state).toBe("blocked");
      expectProblem(
        await api.call("me", "get", {}, { token: target.token }),
        401,
        "session_revoked",
      );
      expectProblem(
        await api.call("auth", "login", { login: target.login, password: target.password }),
        403,
        "account_blocked",
      );
      expectOk(
        await api.call(
          "users",
          "setState",
          { id: target.id, state: "activated" },
          { token: accounts.admin.token },
        ),
      );
      await signIn(target.login, target.password);
    });

    test("admins block no admin, nobody blocks the super", async () => {
      const other = await create(accounts.owner.token, "admin");
      expectProblem(
        await api.call(
          "users",
          "setState",
          { id: other.id, state: "blocked" },
          { token: accounts.admin.token },
        ),
        403,
        "forbidden",
      );
      expectProblem(
        await api.call(
          "users",
          "setState",
          { id: accounts.owner.id, state: "blocked" },
          { token: accounts.admin.token },
        ),
        403,
        "forbidden",
      );
      expectProblem(
        await api.call(
          "users",
          "setState",
          { id: accounts.owner.id, state: "blocked" },
          { token: accounts.owner.token },
        ),
        403,
        "forbidden",
      );
      expectOk(
        await api.call(
          "users",
          "setState",
          { id: other.id, state: "blocked" },
          { token: accounts.owner.token },
        ),
      );
    });
  });

  describe("password reset", () => {
    test("returns a one-time password that signs in and must be replaced; old sessions end", async () => {
      const target = await create(accounts.admin.token, "teacher");
      const { new_password } = expectOk(
        await api.call(
          "users",
          "resetPassword",
          { id: target.id },
          { token: accounts.admin.token },
        ),
      );
      expectProblem(
        await api.call("me", "get", {}, { token: target.token }),
        401,
        "session_revoked",
      );
      expectProblem(
        await api.call("auth", "login", { login: target.login, password: target.password }),
        401,
        "invalid_credentials",
      );
      const token = await signIn(target.login, new_password);
      expect(expectOk(await api.call("me", "get", {}, { token })).password_change_required).toBe(
        true,
      );
    });

    test("admins reset users and teachers; only super resets admins", async () => {
      const other = await create(accounts.owner.token, "admin");
      expectProblem(
        await api.call("users", "resetPassword", { id: other.id }, { token: accounts.admin.token }),
        403,
        "forbidden",
      );
      expectProblem(
        await api.call(
          "users",
          "resetPassword",
          { id: accounts.owner.id },
          { token: accounts.admin.token },
        ),
        403,
        "forbidden",
      );
      expectOk(
        await api.call("users", "resetPassword", { id: other.id }, { token: accounts.owner.token }),
      );
    });
  });

  describe("remove", () => {
    test("a soft delete: sessions end, login and email stay reserved, the account stays readable", async () => {
      const body = newUser({}, "gone");
      const target = expectOk(await api.call("auth", "register", body));
      const removed = expectOk(
        await api.call("users", "remove", { id: target.user.id }, { token: accounts.admin.token }),
      );
      expect(removed).toMatchObject({
        ok: true,
        user: { id: target.user.id, login: body.login, state: "deleted", groups: [] },
      });
      expectProblem(
        await api.call("me", "get", {}, { token: target.token.access_token }),
        401,
        "session_revoked",
      );
      expectProblem(
        await api.call("auth", "login", { login: body.login, password: body.password }),
        401,
        "invalid_credentials",
      );
      expectProblem(
        await api.call("auth", "register", newUser({ login: body.login })),
        409,
        "login_taken",
      );
      expectProblem(
        await api.call("auth", "register", newUser({ email: body.email })),
        409,
        "email_taken",
      );
      const seen = expectOk(
        await api.call("users", "get", { id: target.user.id }, { token: accounts.admin.token }),
      );
      expect(seen.state).toBe("deleted");
      expectProblem(
        await api.call("users", "remove", { id: target.user.id }, { token: accounts.admin.token }),
        404,
        "user_not_found",
      );
    });

    test("nobody removes the super; admins remove no admin", async () => {
      expectProblem(
        await api.call(
          "users",
          "remove",
          { id: accounts.owner.id },
          { token: accounts.owner.token },
        ),
        403,
        "forbidden",
      );
      expectProblem(
        await api.call(
          "users",
          "remove",
          { id: accounts.owner.id },
          { token: accounts.admin.token },
        ),
        403,
        "forbidden",
      );
      const other = await create(accounts.owner.token, "admin");
      expectProblem(
        await api.call("users", "remove", { id: other.id }, { token: accounts.admin.token }),
        403,
        "forbidden",
      );
      expectOk(
        await api.call("users", "remove", { id: other.id }, { token: accounts.owner.token }),
      );
    });
  });

  describe("avatar", () => {
    test("stores the image as a 512×512 WebP served from /media", async () => {
      const sharp = (await import("sharp")).default;
      const png = await sharp({
        create: { width: 40, height: 30, channels: 3, background: "#3366ff" },
      })
        .png()
        .toBuffer();
      const target = await create(accounts.admin.token, "user");
      const user = expectOk(
        await api.call(
          "users",
          "setAvatar",
          { id: target.id, image: png.toString("base64") },
          { token: accounts.admin.token },
        ),
      );
      expect(user.avatar).toMatch(/^\/media\/[0-9a-f-]{36}\.webp$/);
      const res = await fetch(`${server.baseUrl}${user.avatar}`);
      expect(res.headers.get("content-type")).toBe("image/webp");
      const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
      expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({
        format: "webp",
        width: 512,
        height: 512,
      });
    });

    test("refuses what is not an image", async () => {
      const outcome = await api.call(
        "users",
        "setAvatar",
        { id: accounts.member.id, image: Buffer.from("hello, not an image").toString("base64") },
        { token: accounts.admin.token },
      );
      expectProblem(outcome, 400, "validation_failed");
      expect(fields(outcome)).toEqual(["image"]);
    });
  });
});
