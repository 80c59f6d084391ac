import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { newUser, rest, startTestServer, trpc, type TestServer } from "../helpers.ts";

/**
 * The Users API v1 as its clients know it: `/api/v1/users/...` and the filtered log list,
 * answering `{status: "ok", ...}` or `{status: "error", message, field?}`, authenticated with
 * `Authorization: Bearer <access token>`. Fixtures are made through the unified REST API;
 * every assertion about a legacy answer follows the original document.
 */

type Json = Record<string, unknown>;
interface LegacyAnswer {
  status: number;
  headers: Headers;
  body: Json;
}

const TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/;
const USER_KEYS = [
  "id",
  "first_name",
  "mid_name",
  "last_name",
  "nickname",
  "userpic",
  "contacts",
  "role",
  "group",
  "last_activity",
  "create_at",
].sort();
const PASSWORD = "violet-lantern-92-harbor";

let server: TestServer;
let unified: ReturnType<typeof rest>;
let owner: { id: number; login: string; token: string };
let admin: { id: number; login: string; token: string };
let otherAdmin: { id: number; token: string };
let member: { id: number; login: string; token: string };
let group: { id: number; name: string };

/** A request as a legacy client makes it: JSON bodies, query strings, a bearer token. */
async function legacy(
  method: "GET" | "POST",
  path: string,
  options: { token?: string; body?: unknown; query?: Record<string, string | number> } = {},
): Promise<LegacyAnswer> {
  const url = new URL(`${server.baseUrl}${path}`);
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, String(v));
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  const res = await fetch(url, { method, headers, body });
  expect(res.headers.get("content-type") ?? "").toMatch(/^application\/json/);
  return { status: res.status, headers: res.headers, body: (await res.json()) as Json };
}

function expectOk(answer: LegacyAnswer): Json {
  expect(answer.body, JSON.stringify(answer.body)).toMatchObject({ status: "ok" });
  expect(answer.status).toBe(200);
  return answer.body;
}

function expectError(answer: LegacyAnswer, status: number, message: string, field?: string) {
  expect(answer.body, JSON.stringify(answer.body)).toMatchObject({ status: "error", message });
  expect(answer.status).toBe(status);
  if (field !== undefined) expect(answer.body.field).toBe(field);
}

/** Checks one user_struct against the document's shape and formats. */
function expectUserStruct(user: unknown): Json {
  const u = user as Json;
  expect(Object.keys(u).sort()).toEqual(USER_KEYS);
  expect(u.id).toEqual(expect.any(Number));
  for (const key of ["first_name", "mid_name", "last_name", "nickname", "userpic", "role"])
    expect(typeof u[key], key).toBe("string");
  const contacts = u.contacts as Json;
  expect(Object.keys(contacts).sort()).toEqual(["email", "phone", "telegram", "viber"]);
  for (const value of Object.values(contacts)) expect(typeof value).toBe("string");
  if (u.group !== false) {
    expect(u.group).toMatchObject({ id: expect.any(Number), name: expect.any(String) });
  }
  expect(u.create_at).toMatch(TIME);
  expect(u.last_activity === "" || TIME.test(u.last_activity as string)).toBe(true);
  return u;
}

async function signIn(login: string, password: string): Promise<string> {
  const res = await unified<{ token: { access_token: string } }>("POST", "/auth/login", {
    body: { login, password },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.token.access_token;
}

/** Creates an account through the unified API and signs it in. */
async function createAccount(role: "user" | "teacher" | "admin", prefix: string, by = owner) {
  const body = newUser({ role }, prefix);
  const res = await unified<{ user: { id: number } }>("POST", "/users", {
    body,
    token: by.token,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.user.id, login: body.login, token: await signIn(body.login, PASSWORD) };
}

async function auditFor(userId: number, action: string) {
  const res = await unified<{ items: Array<{ action: string; actor_id: number | null }> }>(
    "GET",
    `/logs?user_id=${userId}&action=${action}`,
    { token: owner.token },
  );
  expect(res.status).toBe(200);
  return res.body.items;
}

/** A small real image, base64-encoded, in the format asked for. */
async function image(format: "png" | "jpeg"): Promise<string> {
  const picture = sharp({
    create: { width: 16, height: 16, channels: 3, background: { r: 200, g: 40, b: 90 } },
  });
  const bytes = await (format === "png" ? picture.png() : picture.jpeg()).toBuffer();
  return bytes.toString("base64");
}

beforeAll(async () => {
  server = await startTestServer();
  unified = rest(server);
  const ownerBody = newUser({}, "owner");
  const reg = await unified<{ user: { id: number }; token: { access_token: string } }>(
    "POST",
    "/auth/register",
    { body: ownerBody },
  );
  owner = { id: reg.body.user.id, login: ownerBody.login, token: reg.body.token.access_token };
  admin = await createAccount("admin", "admin");
  otherAdmin = await createAccount("admin", "admin2");
  member = await createAccount("user", "member");
  const made = await unified<{ id: number; name: string }>("POST", "/groups", {
    body: { name: "Alpha readers", permissions: ["news:write"] },
    token: owner.token,
  });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  group = { id: made.body.id, name: made.body.name };
  const joined = await unified("PUT", `/groups/${group.id}/members/${member.id}`, {
    token: owner.token,
  });
  expect(joined.status, JSON.stringify(joined.body)).toBeLessThan(300);
});
afterAll(() => server.close());

describe("authentication", () => {
  test("without a token every route answers the error envelope", async () => {
    const png = await image("png");
    const calls: Array<["GET" | "POST", string, unknown?]> = [
      [
        "POST",
        "/api/v1/users/new_user",
        {
          first_name: "Anon",
          last_name: "Ymous",
          nickname: "anonymous",
          email: "anonymous@example.org",
          password: PASSWORD,
        },
      ],
      ["GET", "/api/v1/users/list"],
      ["GET", `/api/v1/users/id/${member.id}`],
      ["GET", "/api/v1/users/current/"],
      ["POST", `/api/v1/users/id/${member.id}/update`, { last_name: "Smith" }],
      ["POST", `/api/v1/users/id/${member.id}/update/userpic`, { upload_userpic: png }],
      ["POST", `/api/v1/users/id/${member.id}/update/role`, { role: "admin" }],
      [
        "POST",
        `/api/v1/users/id/${member.id}/update/password`,
        { password: PASSWORD, new_password: "new-amber-kettle-37" },
      ],
      ["GET", `/api/v1/users/id/${member.id}/reset_password`],
      ["GET", `/api/v1/users/id/${member.id}/permissions`],
      ["GET", `/api/v1/users/id/${member.id}/remove`],
      ["GET", "/api/v1/logs/list/filtered"],
    ];
    for (const [method, path, body] of calls) {
      const answer = await legacy(method, path, body === undefined ? {} : { body });
      expect(answer.status, path).toBe(401);
      expect(answer.body, path).toMatchObject({ status: "error", message: "Permissions error" });
    }
  });

  test("a token that is not an access token is refused", async () => {
    expectError(
      await legacy("GET", "/api/v1/users/current/", { token: "not-a-token" }),
      401,
      "Permissions error",
    );
  });

  test("the web app's cookie is not a credential here: a link cannot remove or reset", async () => {
    const browser = trpc(server);
    await browser.client.auth.login.mutate({ login: owner.login, password: PASSWORD });
    const cookie = [...browser.jar].map(([k, v]) => `${k}=${v}`).join("; ");
    expect(cookie).not.toBe("");
    const target = await createAccount("user", "linked");
    for (const action of ["remove", "reset_password"]) {
      const res = await fetch(`${server.baseUrl}/api/v1/users/id/${target.id}/${action}`, {
        headers: { cookie },
      });
      expect(res.status, action).toBe(401);
      expect(await res.json()).toMatchObject({ status: "error", message: "Permissions error" });
    }
    await signIn(target.login, PASSWORD);
  });

  test("an unknown path under /api/v1/ answers the error envelope with 404", async () => {
    const answer = await legacy("GET", "/api/v1/users/nothing/here", { token: admin.token });
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ status: "error", message: expect.any(String) });
  });
});

describe("user_struct", () => {
  test("GET /users/id/{id} answers the document's user_struct", async () => {
    const body = expectOk(
      await legacy("GET", `/api/v1/users/id/${member.id}`, { token: admin.token }),
    );
    const user = expectUserStruct(body.user);
    expect(user).toMatchObject({
      id: member.id,
      nickname: member.login,
      first_name: "Анна",
      last_name: "Смирнова",
      mid_name: "",
      userpic: "",
      role: "user",
      group: { id: group.id, name: group.name },
    });
    expect((user.contacts as Json).email).toBe(`${member.login}@example.org`);
    expect(TIME.test(user.last_activity as string)).toBe(true);
  });

  test("times are UTC minutes, the same instants as the unified API's", async () => {
    const body = expectOk(
      await legacy("GET", `/api/v1/users/id/${member.id}`, { token: admin.token }),
    );
    const view = await unified<{ created_at: string; last_activity_at: string }>(
      "GET",
      `/users/${member.id}`,
      { token: admin.token },
    );
    const user = body.user as Json;
    expect(user.create_at).toBe(view.body.created_at.slice(0, 16).replace("T", " "));
    expect(user.last_activity).toBe(view.body.last_activity_at.slice(0, 16).replace("T", " "));
  });

  test("group is false for someone in no group", async () => {
    const body = expectOk(
      await legacy("GET", `/api/v1/users/id/${admin.id}`, { token: admin.token }),
    );
    expect(expectUserStruct(body.user).group).toBe(false);
  });

  test("an unknown id answers User not found", async () => {
    expectError(
      await legacy("GET", "/api/v1/users/id/987654", { token: admin.token }),
      404,
      "User not found",
    );
    const notAnId = await legacy("GET", "/api/v1/users/id/john.doe", { token: admin.token });
    expect(notAnId.body).toMatchObject({ status: "error", message: "User not found" });
  });

  test("a plain user may not read others", async () => {
    expectError(
      await legacy("GET", `/api/v1/users/id/${admin.id}`, { token: member.token }),
      403,
      "Permissions error",
    );
  });
});

describe("GET /users/current/", () => {
  test("answers the caller's own user_struct", async () => {
    const body = expectOk(await legacy("GET", "/api/v1/users/current/", { token: member.token }));
    expect(expectUserStruct(body.user)).toMatchObject({ id: member.id, nickname: member.login });
  });
});

describe("POST /users/new_user", () => {
  test("an admin adds a user; the answer is the new user_struct", async () => {
    const body = expectOk(
      await legacy("POST", "/api/v1/users/new_user", {
        token: admin.token,
        body: {
          first_name: "John",
          mid_name: "",
          last_name: "Doe",
          nickname: "john.doe",
          email: "john.doe@example.org",
          password: "strong-lantern-password",
          role: "user",
        },
      }),
    );
    const user = expectUserStruct(body.user);
    expect(user).toMatchObject({
      first_name: "John",
      mid_name: "",
      last_name: "Doe",
      nickname: "john.doe",
      role: "user",
      group: false,
      contacts: { email: "john.doe@example.org" },
    });
    // The new account signs in with the password given.
    await signIn("john.doe", "strong-lantern-password");
    const audit = await auditFor(user.id as number, "user.created");
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBe(admin.id);
  });

  test("role defaults to user, and mid_name is kept", async () => {
    const body = expectOk(
      await legacy("POST", "/api/v1/users/new_user", {
        token: owner.token,
        body: {
          first_name: "Иван",
          mid_name: "Петрович",
          last_name: "Сидоров",
          nickname: "ivan.sidorov",
          email: "ivan.sidorov@example.org",
          password: "violet-lantern-92-harbor",
        },
      }),
    );
    expect(expectUserStruct(body.user)).toMatchObject({ role: "user", mid_name: "Петрович" });
  });

  test("a taken nickname answers Alias already exists", async () => {
    expectError(
      await legacy("POST", "/api/v1/users/new_user", {
        token: admin.token,
        body: {
          first_name: "Jane",
          last_name: "Doe",
          nickname: member.login,
          email: "jane.doe@example.org",
          password: PASSWORD,
        },
      }),
      409,
      "Alias already exists",
      "nickname",
    );
  });

  test("empty email, password or nickname are named", async () => {
    const base = {
      first_name: "Jane",
      last_name: "Doe",
      nickname: "jane.doe",
      email: "jane.doe@example.org",
      password: PASSWORD,
    };
    const cases: Array<[string, string]> = [
      ["email", "Email can`t be empty"],
      ["password", "Password can`t be empty"],
      ["nickname", "Nickname can`t be empty"],
    ];
    for (const [field, message] of cases) {
      expectError(
        await legacy("POST", "/api/v1/users/new_user", {
          token: admin.token,
          body: { ...base, [field]: "" },
        }),
        400,
        message,
        field,
      );
      const { [field]: _omitted, ...without } = base as Record<string, string>;
      expectError(
        await legacy("POST", "/api/v1/users/new_user", { token: admin.token, body: without }),
        400,
        message,
        field,
      );
    }
  });

  test("weak passwords answer Password must be strongest (today's policy)", async () => {
    for (const password of ["abc123", "password123", "jane.weak.1234"]) {
      expectError(
        await legacy("POST", "/api/v1/users/new_user", {
          token: admin.token,
          body: {
            first_name: "Jane",
            last_name: "Weak",
            nickname: "jane.weak",
            email: "jane.weak@example.org",
            password,
          },
        }),
        400,
        "Password must be strongest",
        "password",
      );
    }
  });

  test("roles only below one's own: an admin may not add an admin", async () => {
    expectError(
      await legacy("POST", "/api/v1/users/new_user", {
        token: admin.token,
        body: {
          first_name: "Eve",
          last_name: "Admin",
          nickname: "eve.admin",
          email: "eve.admin@example.org",
          password: PASSWORD,
          role: "admin",
        },
      }),
      403,
      "Permissions error",
    );
  });

  test("role super is refused: there is only ever one", async () => {
    const answer = await legacy("POST", "/api/v1/users/new_user", {
      token: owner.token,
      body: {
        first_name: "Second",
        last_name: "Super",
        nickname: "second.super",
        email: "second.super@example.org",
        password: PASSWORD,
        role: "super",
      },
    });
    expect(answer.body).toMatchObject({ status: "error" });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    const found = await unified("GET", "/users/by-login/second.super", { token: owner.token });
    expect(found.status).toBe(404);
  });

  test("a plain user may not add users", async () => {
    expectError(
      await legacy("POST", "/api/v1/users/new_user", {
        token: member.token,
        body: {
          first_name: "Mallory",
          last_name: "User",
          nickname: "mallory",
          email: "mallory@example.org",
          password: PASSWORD,
        },
      }),
      403,
      "Permissions error",
    );
  });
});

describe("GET /users/list", () => {
  test("lists users as user_structs with a total", async () => {
    const body = expectOk(await legacy("GET", "/api/v1/users/list", { token: admin.token }));
    const users = body.users as Json[];
    expect(Array.isArray(users)).toBe(true);
    users.forEach(expectUserStruct);
    expect(body.total).toEqual(expect.any(Number));
    expect(body.total as number).toBeGreaterThanOrEqual(4);
    const ids = users.map((u) => u.id);
    for (const id of [owner.id, admin.id, member.id]) expect(ids).toContain(id);
  });

  test("pages with limit and the cursor it returns", async () => {
    const first = expectOk(
      await legacy("GET", "/api/v1/users/list", { token: admin.token, query: { limit: 2 } }),
    );
    expect(first.users as Json[]).toHaveLength(2);
    expect(first.next_cursor).toEqual(expect.any(String));
    const second = expectOk(
      await legacy("GET", "/api/v1/users/list", {
        token: admin.token,
        query: { limit: 2, cursor: first.next_cursor as string },
      }),
    );
    const seen = [...(first.users as Json[]), ...(second.users as Json[])].map((u) => u.id);
    expect(new Set(seen).size).toBe(seen.length);
  });

  test("a plain user may not list users", async () => {
    expectError(
      await legacy("GET", "/api/v1/users/list", { token: member.token }),
      403,
      "Permissions error",
    );
  });
});

describe("POST /users/id/{id}/update", () => {
  test("changes only the fields sent; role is ignored", async () => {
    const target = await createAccount("user", "edited");
    const body = expectOk(
      await legacy("POST", `/api/v1/users/id/${target.id}/update`, {
        token: admin.token,
        body: { last_name: "Smith", role: "admin" },
      }),
    );
    expect(expectUserStruct(body.user)).toMatchObject({
      id: target.id,
      last_name: "Smith",
      first_name: "Анна",
      role: "user",
    });
    const more = expectOk(
      await legacy("POST", `/api/v1/users/id/${target.id}/update`, {
        token: admin.token,
        body: {
          mid_name: "Ивановна",
          contacts: { telegram: "@tgnickname", viber: "+380631234567" },
        },
      }),
    );
    expect(more.user).toMatchObject({
      last_name: "Smith",
      mid_name: "Ивановна",
      contacts: { telegram: "@tgnickname", viber: "+380631234567" },
    });
    const audit = await auditFor(target.id, "user.updated");
    expect(audit.length).toBe(2);
    expect(audit.every((e) => e.actor_id === admin.id)).toBe(true);
  });

  test("a picture address sent here is ignored: pictures are uploaded and served here", async () => {
    const body = expectOk(
      await legacy("POST", `/api/v1/users/id/${member.id}/update`, {
        token: admin.token,
        body: { userpic: "http://tracker.example/pixel.png" },
      }),
    );
    expect((body.user as Json).userpic).toBe("");
  });

  test("a taken nickname answers Alias already exists", async () => {
    expectError(
      await legacy("POST", `/api/v1/users/id/${member.id}/update`, {
        token: admin.token,
        body: { nickname: admin.login },
      }),
      409,
      "Alias already exists",
      "nickname",
    );
  });

  test("an unknown id answers User not found", async () => {
    expectError(
      await legacy("POST", "/api/v1/users/id/987654/update", {
        token: admin.token,
        body: { last_name: "Smith" },
      }),
      404,
      "User not found",
    );
  });

  test("admins may not edit other admins", async () => {
    expectError(
      await legacy("POST", `/api/v1/users/id/${otherAdmin.id}/update`, {
        token: admin.token,
        body: { last_name: "Smith" },
      }),
      403,
      "Permissions error",
    );
  });
});

describe("POST /users/id/{id}/update/userpic", () => {
  test("takes base64 with or without a prefix and serves the picture at userpic", async () => {
    const target = await createAccount("user", "pictured");
    const png = await image("png");
    const jpeg = await image("jpeg");
    let previous = "";
    for (const upload of [`data:image/png;base64,${png}`, `base64;${jpeg}`, png]) {
      const body = expectOk(
        await legacy("POST", `/api/v1/users/id/${target.id}/update/userpic`, {
          token: admin.token,
          body: { upload_userpic: upload },
        }),
      );
      const user = expectUserStruct(body.user);
      expect(user.userpic).not.toBe("");
      expect(user.userpic).not.toBe(previous);
      previous = user.userpic as string;
      const picture = await fetch(new URL(previous, server.baseUrl));
      expect(picture.status).toBe(200);
      expect(picture.headers.get("content-type")).toMatch(/^image\//);
    }
    const audit = await auditFor(target.id, "user.avatar_changed");
    expect(audit).toHaveLength(3);
  });

  test("anything that is not an image answers Invalid image", async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString("base64");
    for (const upload of [
      "base64;aGVsbG8gd29ybGQsIHRoaXMgaXMgbm90IGFuIGltYWdl",
      `data:image/svg+xml;base64,${svg}`,
      "not base64 at all!",
      "",
    ]) {
      const answer = await legacy("POST", `/api/v1/users/id/${member.id}/update/userpic`, {
        token: admin.token,
        body: { upload_userpic: upload },
      });
      expectError(answer, 400, "Invalid image");
    }
  });

  test("an unknown id answers User not found", async () => {
    expectError(
      await legacy("POST", "/api/v1/users/id/987654/update/userpic", {
        token: admin.token,
        body: { upload_userpic: await image("png") },
      }),
      404,
      "User not found",
    );
  });
});

describe("POST /users/id/{id}/update/role", () => {
  test("the super changes roles", async () => {
    const target = await createAccount("user", "promoted");
    const body = expectOk(
      await legacy("POST", `/api/v1/users/id/${target.id}/update/role`, {
        token: owner.token,
        body: { role: "admin" },
      }),
    );
    expect(expectUserStruct(body.user)).toMatchObject({ id: target.id, role: "admin" });
    const audit = await auditFor(target.id, "user.role_changed");
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBe(owner.id);
  });

  test("only the super: an admin is refused", async () => {
    expectError(
      await legacy("POST", `/api/v1/users/id/${member.id}/update/role`, {
        token: admin.token,
        body: { role: "admin" },
      }),
      403,
      "Permissions error",
    );
  });

  test("an unknown id answers User not found", async () => {
    expectError(
      await legacy("POST", "/api/v1/users/id/987654/update/role", {
        token: owner.token,
        body: { role: "admin" },
      }),
      404,
      "User not found",
    );
  });
});

describe("POST /users/id/{id}/update/password", () => {
  test("the caller changes their own password", async () => {
    const self = await createAccount("user", "changer");
    expectOk(
      await legacy("POST", `/api/v1/users/id/${self.id}/update/password`, {
        token: self.token,
        body: { password: PASSWORD, new_password: "new-amber-kettle-37" },
      }),
    );
    await signIn(self.login, "new-amber-kettle-37");
    const audit = await auditFor(self.id, "user.password_changed");
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBe(self.id);
  });

  test("a wrong current password answers Wrong password", async () => {
    const answer = await legacy("POST", `/api/v1/users/id/${member.id}/update/password`, {
      token: member.token,
      body: { password: "not-my-password", new_password: "new-amber-kettle-37" },
    });
    expect(answer.body).toMatchObject({ status: "error", message: "Wrong password" });
    expect(answer.status).toBe(403);
  });

  test("a weak new password answers Password must be strongest", async () => {
    for (const weak of ["abcdef", "qwerty123"]) {
      const answer = await legacy("POST", `/api/v1/users/id/${member.id}/update/password`, {
        token: member.token,
        body: { password: PASSWORD, new_password: weak },
      });
      expect(answer.body).toMatchObject({
        status: "error",
        message: "Password must be strongest",
      });
      expect(answer.status).toBe(400);
    }
  });

  test("an empty current password is named", async () => {
    expectError(
      await legacy("POST", `/api/v1/users/id/${member.id}/update/password`, {
        token: member.token,
        body: { password: "", new_password: "new-amber-kettle-37" },
      }),
      400,
      "Password can`t be empty",
      "password",
    );
  });

  test("nobody changes another person's password here, not even the super", async () => {
    for (const token of [owner.token, admin.token]) {
      expectError(
        await legacy("POST", `/api/v1/users/id/${member.id}/update/password`, {
          token,
          body: { password: PASSWORD, new_password: "new-amber-kettle-37" },
        }),
        403,
        "Permissions error",
      );
    }
    await signIn(member.login, PASSWORD);
  });
});

describe("GET /users/id/{id}/reset_password", () => {
  test("an admin resets a plain user's password and gets the new one", async () => {
    const target = await createAccount("user", "forgetful");
    const body = expectOk(
      await legacy("GET", `/api/v1/users/id/${target.id}/reset_password`, { token: admin.token }),
    );
    expect(body.new_password).toEqual(expect.any(String));
    // The one-time password signs in, and the person replaces it through update/password.
    const oneTime = await signIn(target.login, body.new_password as string);
    expectOk(
      await legacy("POST", `/api/v1/users/id/${target.id}/update/password`, {
        token: oneTime,
        body: { password: body.new_password, new_password: "my-own-choice-42" },
      }),
    );
    await signIn(target.login, "my-own-choice-42");
    const audit = await auditFor(target.id, "user.password_reset");
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBe(admin.id);
  });

  test("admins reset no admin, nobody resets the super, plain users reset nobody", async () => {
    const refusals: Array<[string, number]> = [
      [admin.token, otherAdmin.id],
      [admin.token, owner.id],
      [owner.token, owner.id],
      [member.token, admin.id],
    ];
    for (const [token, id] of refusals) {
      expectError(
        await legacy("GET", `/api/v1/users/id/${id}/reset_password`, { token }),
        403,
        "Permissions error",
      );
    }
  });

  test("the super resets an admin's password", async () => {
    const target = await createAccount("admin", "adminreset");
    const body = expectOk(
      await legacy("GET", `/api/v1/users/id/${target.id}/reset_password`, { token: owner.token }),
    );
    expect(body.new_password).toEqual(expect.any(String));
  });

  test("an unknown id answers User not found", async () => {
    expectError(
      await legacy("GET", "/api/v1/users/id/987654/reset_password", { token: admin.token }),
      404,
      "User not found",
    );
  });
});

describe("GET /users/id/{id}/permissions", () => {
  test("answers the permissions the user holds through their group", async () => {
    const body = expectOk(
      await legacy("GET", `/api/v1/users/id/${member.id}/permissions`, { token: admin.token }),
    );
    expect(Array.isArray(body.permissions)).toBe(true);
    expect(body.permissions).toContain("news:write");
  });

  test("a plain user is refused and an unknown id is not found", async () => {
    expectError(
      await legacy("GET", `/api/v1/users/id/${admin.id}/permissions`, { token: member.token }),
      403,
      "Permissions error",
    );
    expectError(
      await legacy("GET", "/api/v1/users/id/987654/permissions", { token: admin.token }),
      404,
      "User not found",
    );
  });
});

describe("GET /users/id/{id}/remove", () => {
  test("an admin removes a plain user and gets the removed user_struct", async () => {
    const target = await createAccount("user", "leaving");
    const body = expectOk(
      await legacy("GET", `/api/v1/users/id/${target.id}/remove`, { token: admin.token }),
    );
    expect(expectUserStruct(body.user)).toMatchObject({ id: target.id, nickname: target.login });
    // Gone from the list, and the removed account's session ends.
    const list = expectOk(await legacy("GET", "/api/v1/users/list", { token: admin.token }));
    expect((list.users as Json[]).map((u) => u.id)).not.toContain(target.id);
    expectError(
      await legacy("GET", "/api/v1/users/current/", { token: target.token }),
      401,
      "Permissions error",
    );
    const audit = await auditFor(target.id, "user.deleted");
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBe(admin.id);
    // Removing again: the account is gone.
    expectError(
      await legacy("GET", `/api/v1/users/id/${target.id}/remove`, { token: admin.token }),
      404,
      "User not found",
    );
  });

  test("a HEAD removes nothing: 405, and the account stays", async () => {
    const target = await createAccount("user", "staying");
    for (const action of ["remove", "reset_password"]) {
      const res = await fetch(`${server.baseUrl}/api/v1/users/id/${target.id}/${action}`, {
        method: "HEAD",
        headers: { authorization: `Bearer ${admin.token}` },
      });
      expect(res.status).toBe(405);
      expect(res.headers.get("allow")).toBe("GET");
    }
    const still = expectOk(
      await legacy("GET", `/api/v1/users/id/${target.id}`, { token: admin.token }),
    );
    expect(still.user).toMatchObject({ id: target.id });
    expect(await auditFor(target.id, "user.deleted")).toHaveLength(0);
    expect(await auditFor(target.id, "user.password_reset")).toHaveLength(0);
  });

  test("admins remove no admin, nobody removes the super, plain users remove nobody", async () => {
    const refusals: Array<[string, number]> = [
      [admin.token, otherAdmin.id],
      [admin.token, owner.id],
      [owner.token, owner.id],
      [member.token, otherAdmin.id],
    ];
    for (const [token, id] of refusals) {
      expectError(
        await legacy("GET", `/api/v1/users/id/${id}/remove`, { token }),
        403,
        "Permissions error",
      );
    }
    const still = await unified<{ state: string }>("GET", `/users/${otherAdmin.id}`, {
      token: owner.token,
    });
    expect(still.body.state).not.toBe("deleted");
  });

  test("an unknown id answers User not found", async () => {
    expectError(
      await legacy("GET", "/api/v1/users/id/987654/remove", { token: admin.token }),
      404,
      "User not found",
    );
  });
});

describe("GET /logs/list/filtered", () => {
  test("by_user answers that user's entries", async () => {
    const body = expectOk(
      await legacy("GET", "/api/v1/logs/list/filtered", {
        token: admin.token,
        query: { by_user: member.id },
      }),
    );
    const logs = body.logs as Json[];
    expect(logs.length).toBeGreaterThan(0);
    for (const entry of logs) {
      expect(entry.user_id).toBe(member.id);
      expect(entry.action).toEqual(expect.any(String));
      expect(entry.create_at).toMatch(TIME);
    }
  });

  test("by_group and by_device answer entries of that group and device", async () => {
    const byGroup = expectOk(
      await legacy("GET", "/api/v1/logs/list/filtered", {
        token: admin.token,
        query: { by_group: group.id },
      }),
    );
    expect((byGroup.logs as Json[]).length).toBeGreaterThan(0);
    for (const entry of byGroup.logs as Json[]) expect(entry.group_id).toBe(group.id);

    const device = await unified<{ device: { id: number } }>("POST", "/devices", {
      token: owner.token,
      body: { name: "Laser cutter", slug: "laser-cutter" },
    });
    expect(device.status, JSON.stringify(device.body)).toBe(201);
    const byDevice = expectOk(
      await legacy("GET", "/api/v1/logs/list/filtered", {
        token: admin.token,
        query: { by_device: device.body.device.id },
      }),
    );
    expect((byDevice.logs as Json[]).length).toBeGreaterThan(0);
    for (const entry of byDevice.logs as Json[])
      expect(entry.device_id).toBe(device.body.device.id);
  });

  test("sorted either way and portioned by limit and cursor", async () => {
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = expectOk(
        await legacy("GET", "/api/v1/logs/list/filtered", {
          token: admin.token,
          query: { by_user: member.id, order: "asc", limit: 2, ...(cursor ? { cursor } : {}) },
        }),
      );
      const logs = page.logs as Json[];
      expect(logs.length).toBeLessThanOrEqual(2);
      seen.push(...logs.map((e) => e.id as number));
      cursor = (page.next_cursor as string | null) ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    const desc = expectOk(
      await legacy("GET", "/api/v1/logs/list/filtered", {
        token: admin.token,
        query: { by_user: member.id, limit: 100 },
      }),
    );
    expect((desc.logs as Json[]).map((e) => e.id)).toEqual([...seen].reverse());
  });

  test("a plain user may not read the log", async () => {
    expectError(
      await legacy("GET", "/api/v1/logs/list/filtered", { token: member.token }),
      403,
      "Permissions error",
    );
  });
});

describe("one system seen from both sides", () => {
  test("what a legacy client writes, the unified API reads, and the other way round", async () => {
    const created = expectOk(
      await legacy("POST", "/api/v1/users/new_user", {
        token: admin.token,
        body: {
          first_name: "Both",
          mid_name: "Sides",
          last_name: "Seen",
          nickname: "both.sides",
          email: "both.sides@example.org",
          password: PASSWORD,
        },
      }),
    );
    const id = (created.user as Json).id as number;
    const view = await unified<Json>("GET", `/users/${id}`, { token: admin.token });
    expect(view.body).toMatchObject({
      login: "both.sides",
      email: "both.sides@example.org",
      first_name: "Both",
      patronymic: "Sides",
      last_name: "Seen",
      role: "user",
    });

    const patched = await unified("PATCH", `/users/${id}`, {
      token: admin.token,
      body: { last_name: "Unified", contacts: { telegram: "@both" } },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    await unified("PUT", `/groups/${group.id}/members/${id}`, { token: owner.token });
    const seen = expectOk(await legacy("GET", `/api/v1/users/id/${id}`, { token: admin.token }));
    expect(seen.user).toMatchObject({
      last_name: "Unified",
      contacts: { telegram: "@both" },
      group: { id: group.id, name: group.name },
    });

    const logs = expectOk(
      await legacy("GET", "/api/v1/logs/list/filtered", {
        token: admin.token,
        query: { by_user: id },
      }),
    );
    const actions = (logs.logs as Json[]).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["user.created", "user.updated"]));
  });
});
