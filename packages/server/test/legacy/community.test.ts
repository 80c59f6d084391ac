import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { newUser, rest, sendStream, startTestServer, trpc, type TestServer } from "../helpers.ts";
import { gifBomb, sampleImage, zeroPng } from "../image-fixtures.ts";

/**
 * The community API as its clients read its document: `/accounts/logout/`, `/api/auth/…`,
 * `/api/profile/…` and `/api/friends/…`; every answer `{error, error_msg, response}`;
 * parameters in the query string for GET, JSON or form bodies for POST, images as
 * `multipart/form-data`. Callers bring an access token or the web app's session cookie.
 * Fixtures (accounts, reviews) come from the unified API.
 */

interface Envelope<T = Record<string, unknown>> {
  error: number;
  error_msg: string;
  response: T;
}

interface Answer<T> {
  status: number;
  headers: Headers;
  body: Envelope<T>;
}

interface Profile {
  pic: string | null;
  display_name: string;
  confirmed: boolean;
  bio: string | null;
  karma: number;
}

interface FriendEntry {
  user_id: number;
  display_name: string;
  pending: boolean;
}

interface Caller {
  token?: string;
  cookie?: string;
}

interface Call extends Caller {
  query?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string>;
  multipart?: FormData;
  raw?: { type: string; body: string };
  headers?: Record<string, string>;
}

function client(server: TestServer) {
  return async function call<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: Call = {},
  ): Promise<Answer<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.cookie) headers.cookie = options.cookie;
    let body: string | FormData | undefined;
    if (options.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(options.json);
    } else if (options.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(options.form).toString();
    } else if (options.multipart) {
      body = options.multipart;
    } else if (options.raw) {
      headers["content-type"] = options.raw.type;
      body = options.raw.body;
    }
    const query = options.query ? `?${new URLSearchParams(options.query).toString()}` : "";
    const res = await fetch(`${server.baseUrl}${path}${query}`, { method, headers, body });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: JSON.parse(text) as Envelope<T> };
  };
}

function expectOk<T>(res: Answer<T>): T {
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  expect(Object.keys(res.body).sort()).toEqual(["error", "error_msg", "response"]);
  expect(res.body.error).toBe(0);
  expect(res.body.error_msg).toBe("");
  expect(res.body.response).toEqual(expect.any(Object));
  return res.body.response;
}

function expectError(res: Answer<unknown>, status: number): string {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  expect(Object.keys(res.body).sort()).toEqual(["error", "error_msg", "response"]);
  expect(res.body.error).toBe(status);
  expect(typeof res.body.error_msg).toBe("string");
  expect(res.body.error_msg.length).toBeGreaterThan(0);
  expect(res.body.error_msg).not.toMatch(/\bat .*\.ts|stack|select |insert /i);
  expect(res.body.response).toBeNull();
  return res.body.error_msg;
}

function imageForm(image: Buffer, name = "photo.png", extra: Record<string, string> = {}) {
  const form = new FormData();
  form.append("image", new Blob([new Uint8Array(image)], { type: "image/png" }), name);
  for (const [key, value] of Object.entries(extra)) form.append(key, value);
  return form;
}

const unique = () => Math.random().toString(36).slice(2, 8);

describe("community API", () => {
  let server: TestServer;
  let call: ReturnType<typeof client>;
  let unified: ReturnType<typeof rest>;
  let owner: { id: number; token: string };
  let png: Buffer;

  /** A new account, signed in through the unified API. */
  async function person(prefix: string): Promise<{ id: number; token: string; login: string }> {
    const data = newUser({}, prefix);
    const res = await unified<{ user: { id: number }; token: { access_token: string } }>(
      "POST",
      "/auth/register",
      { body: data },
    );
    expect(res.status).toBe(201);
    return { id: res.body.user.id, token: res.body.token.access_token, login: data.login };
  }

  /** A new account signed in as the web app does: its session lives in a cookie. */
  async function browser(prefix: string): Promise<{ id: number; cookie: string }> {
    const web = trpc(server);
    const result = await web.client.auth.register.mutate(newUser({}, prefix));
    return {
      id: result.user.id,
      cookie: [...web.jar].map(([k, v]) => `${k}=${v}`).join("; "),
    };
  }

  beforeAll(async () => {
    server = await startTestServer();
    call = client(server);
    unified = rest(server);
    owner = await person("owner");
    png = await sampleImage("png");
  });
  afterAll(() => server.close());

  describe("the envelope and credentials", () => {
    let who: { id: number; token: string };
    let other: { id: number; token: string };
    beforeAll(async () => {
      who = await person("env");
      other = await person("envother");
    });

    const routes: Array<[string, string, () => Call]> = [
      ["GET", "/api/auth/GetCurrentUserId", () => ({})],
      ["GET", "/api/profile/GetProfile", () => ({ query: { user_id: String(other.id) } })],
      ["POST", "/api/profile/UpdateProfileInfo", () => ({ json: { bio: "ФКН, 2 курс" } })],
      ["POST", "/api/profile/UpdateProfilePicture", () => ({ multipart: imageForm(png) })],
      ["POST", "/api/profile/UploadProfileConfirmation", () => ({ multipart: imageForm(png) })],
      ["GET", "/api/profile/FindByName", () => ({ query: { display_name_part: "nobody-here" } })],
      ["GET", "/api/friends/GetFriendList", () => ({})],
      ["POST", "/api/friends/SendFriendRequest", () => ({ json: { user_id: other.id } })],
      ["GET", "/api/friends/GetFriendRequests", () => ({})],
      ["POST", "/api/friends/RemoveFriend", () => ({ json: { user_id: other.id } })],
    ];

    test.each(routes)("%s %s answers {error: 0, error_msg, response}", async (m, path, input) => {
      expectOk(await call(m, path, { ...input(), token: who.token }));
    });

    test.each(routes)("%s %s without credentials: the auth error, 401", async (m, path, input) => {
      const res = await call(m, path, input());
      expectError(res, 401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    });

    test.each(routes)("%s %s with a dead token: the auth error", async (m, path, input) => {
      expectError(await call(m, path, { ...input(), token: "not-a-token" }), 401);
    });

    test("GetCurrentUserId by bearer token, by session token and by the web app's cookie", async () => {
      expect(
        expectOk(await call("GET", "/api/auth/GetCurrentUserId", { token: who.token })),
      ).toEqual({ user_id: who.id });
      const data = newUser({}, "kbs");
      const signedUp = await unified<{ user: { id: number } }>("POST", "/auth/register", {
        body: data,
      });
      const login = await unified<{ token: { session_token: string } }>("POST", "/auth/login", {
        body: { login: data.login, password: data.password, issue_session_token: true },
      });
      expect(login.body.token.session_token).toMatch(/^kbs_/);
      const bySessionToken = await call("GET", "/api/auth/GetCurrentUserId", {
        token: login.body.token.session_token,
      });
      expect(expectOk(bySessionToken)).toEqual({ user_id: signedUp.body.user.id });
      const web = await browser("cookie");
      const byCookie = await call("GET", "/api/auth/GetCurrentUserId", { cookie: web.cookie });
      expect(expectOk(byCookie)).toEqual({ user_id: web.id });
      const forged = await call("GET", "/api/auth/GetCurrentUserId", {
        cookie: "kabinet_refresh=forged",
      });
      expectError(forged, 401);
    });
  });

  describe("Profile", () => {
    let anna: { id: number; token: string };
    let name: string;
    beforeAll(async () => {
      anna = await person("anna");
      name = `Анна Зимина ${unique()}`;
    });

    test("GetProfile: pic, display_name, confirmed, bio and karma of anyone", async () => {
      const profile = expectOk(
        await call<Profile>("GET", "/api/profile/GetProfile", {
          query: { user_id: String(anna.id) },
          token: owner.token,
        }),
      );
      expect(Object.keys(profile).sort()).toEqual([
        "bio",
        "confirmed",
        "display_name",
        "karma",
        "pic",
      ]);
      expect(profile.confirmed).toBe(false);
      expect(profile.karma).toEqual(expect.any(Number));
      expect(typeof profile.display_name).toBe("string");
      expect(profile.pic).toBeNull();
    });

    test.each([
      ["no user_id", {}, 400],
      ["a user_id that is not a number", { user_id: "anna" }, 400],
      ["a user_id with a NUL", { user_id: "1\u0000" }, 400],
      ["a negative user_id", { user_id: "-3" }, 400],
      ["a user that does not exist", { user_id: "2147480000" }, 404],
    ])("GetProfile with %s: an error", async (_what, query, status) => {
      expectError(
        await call("GET", "/api/profile/GetProfile", { query, token: owner.token }),
        status,
      );
    });

    test.each<[string, (fields: Record<string, string>) => Call]>([
      ["JSON", (fields) => ({ json: fields })],
      ["a form", (fields) => ({ form: fields })],
      [
        "multipart",
        (fields) => {
          const form = new FormData();
          for (const [k, v] of Object.entries(fields)) form.append(k, v);
          return { multipart: form };
        },
      ],
    ])("UpdateProfileInfo by %s is what everyone then sees", async (_how, body) => {
      const bio = `ФКН ВШЭ, группа ${unique()}`;
      expectOk(
        await call("POST", "/api/profile/UpdateProfileInfo", {
          ...body({ display_name: name, bio }),
          token: anna.token,
        }),
      );
      const legacy = expectOk(
        await call<Profile>("GET", "/api/profile/GetProfile", {
          query: { user_id: String(anna.id) },
          token: owner.token,
        }),
      );
      expect(legacy).toMatchObject({ display_name: name, bio });
      const seen = await unified<{ display_name: string; bio: string }>(
        "GET",
        `/profiles/${anna.id}`,
        { token: owner.token },
      );
      expect(seen.body).toMatchObject({ user_id: anna.id, display_name: name, bio });
    });

    test("UpdateProfileInfo takes either field alone, and needs one of them", async () => {
      expectOk(
        await call("POST", "/api/profile/UpdateProfileInfo", {
          form: { bio: "только био" },
          token: anna.token,
        }),
      );
      const profile = expectOk(
        await call<Profile>("GET", "/api/profile/GetProfile", {
          query: { user_id: String(anna.id) },
          token: anna.token,
        }),
      );
      expect(profile).toMatchObject({ display_name: name, bio: "только био" });
      expectError(
        await call("POST", "/api/profile/UpdateProfileInfo", { json: {}, token: anna.token }),
        400,
      );
    });

    test("a change through the unified API shows in GetProfile", async () => {
      const display = `Анна Зимина-Летова ${unique()}`;
      const patched = await unified("PATCH", "/me", {
        token: anna.token,
        body: { display_name: display, bio: "МФТИ" },
      });
      expect(patched.status).toBe(200);
      const profile = expectOk(
        await call<Profile>("GET", "/api/profile/GetProfile", {
          query: { user_id: String(anna.id) },
          token: owner.token,
        }),
      );
      expect(profile).toMatchObject({ display_name: display, bio: "МФТИ" });
      name = display;
    });

    test.each<[string, unknown]>([
      ["a NUL in the name", { display_name: "Анна\u0000" }],
      ["a number for the name", { display_name: 42 }],
      ["a list for the bio", { bio: ["a", "b"] }],
      ["a name too long", { display_name: "я".repeat(300) }],
      ["a body that is a list", [1, 2]],
    ])("UpdateProfileInfo with %s: 400 in the envelope", async (_what, json) => {
      expectError(
        await call("POST", "/api/profile/UpdateProfileInfo", { json, token: anna.token }),
        400,
      );
    });

    test("malformed JSON and a foreign content type are errors in the envelope", async () => {
      expectError(
        await call("POST", "/api/profile/UpdateProfileInfo", {
          raw: { type: "application/json", body: "{bio:" },
          token: anna.token,
        }),
        400,
      );
      expectError(
        await call("POST", "/api/profile/UpdateProfileInfo", {
          raw: { type: "text/plain", body: "bio=x" },
          token: anna.token,
        }),
        415,
      );
    });

    test("FindByName: people whose name holds the part, as {user_id, display_name}", async () => {
      const part = name.slice(5, 14).toUpperCase();
      const found = expectOk(
        await call<{ users: Array<{ user_id: number; display_name: string }> }>(
          "GET",
          "/api/profile/FindByName",
          { query: { display_name_part: part }, token: owner.token },
        ),
      );
      expect(found.users).toEqual([{ user_id: anna.id, display_name: name }]);
      const none = expectOk(
        await call<{ users: unknown[] }>("GET", "/api/profile/FindByName", {
          query: { display_name_part: `нет-такого-${unique()}` },
          token: owner.token,
        }),
      );
      expect(none.users).toEqual([]);
    });

    test.each([["Ann"], ["ab"], [""]])(
      "FindByName with %j (under 4 characters): 400",
      async (part) => {
        expectError(
          await call("GET", "/api/profile/FindByName", {
            query: { display_name_part: part },
            token: owner.token,
          }),
          400,
        );
      },
    );

    test("UpdateProfilePicture (image and name): pic is a URL serving the image", async () => {
      expectOk(
        await call("POST", "/api/profile/UpdateProfilePicture", {
          multipart: imageForm(png, "me.png", { name: "me.png" }),
          token: anna.token,
        }),
      );
      const profile = expectOk(
        await call<Profile>("GET", "/api/profile/GetProfile", {
          query: { user_id: String(anna.id) },
          token: owner.token,
        }),
      );
      expect(typeof profile.pic).toBe("string");
      const image = await fetch(new URL(profile.pic!, server.baseUrl));
      expect(image.status).toBe(200);
      expect(image.headers.get("content-type")).toMatch(/^image\//);
      expect((await image.arrayBuffer()).byteLength).toBeGreaterThan(0);
    });

    test("UpdateProfilePicture also takes the image in base64 in JSON", async () => {
      const jpeg = await sampleImage("jpeg");
      expectOk(
        await call("POST", "/api/profile/UpdateProfilePicture", {
          json: { image: jpeg.toString("base64"), name: "me.jpg" },
          token: anna.token,
        }),
      );
    });

    test("UploadProfileConfirmation replaces the scan and takes the tick away", async () => {
      const student = await person("student");
      expectOk(
        await call("POST", "/api/profile/UploadProfileConfirmation", {
          multipart: imageForm(png, "card.png"),
          token: student.token,
        }),
      );
      const queue = await unified<{ items: Array<{ id: number; user: { id: number } }> }>(
        "GET",
        "/confirmations?limit=100",
        { token: owner.token },
      );
      const request = queue.body.items.find((item) => item.user.id === student.id)!;
      const approved = await unified("POST", `/confirmations/${request.id}/approve`, {
        token: owner.token,
      });
      expect(approved.status).toBe(200);
      const confirmed = async () =>
        expectOk(
          await call<Profile>("GET", "/api/profile/GetProfile", {
            query: { user_id: String(student.id) },
            token: owner.token,
          }),
        ).confirmed;
      expect(await confirmed()).toBe(true);
      expectOk(
        await call("POST", "/api/profile/UploadProfileConfirmation", {
          multipart: imageForm(await sampleImage("jpeg"), "card2.jpg"),
          token: student.token,
        }),
      );
      expect(await confirmed()).toBe(false);
      const mine = await unified<{ status: string }>("GET", "/me/confirmation", {
        token: student.token,
      });
      expect(mine.body.status).toBe("pending");
    });

    describe.each([
      ["/api/profile/UpdateProfilePicture"],
      ["/api/profile/UploadProfileConfirmation"],
    ])("bad images over %s", (path) => {
      test.each<[string, () => Buffer]>([
        ["a file that is not an image, named .png", () => Buffer.from("%PDF-1.7 not an image")],
        ["a PNG declaring 100000×100000 pixels", () => zeroPng(100_000, 100_000, 1)],
        ["a PNG decompression bomb", () => zeroPng(8000, 8000)],
        ["a GIF bomb", gifBomb],
      ])("%s: 400", async (_what, file) => {
        const res = await call("POST", path, {
          multipart: imageForm(file(), "x.png", { name: "x.png" }),
          token: anna.token,
        });
        expectError(res, 400);
      });

      test("a form without the file, and a file in another part: 400", async () => {
        const empty = new FormData();
        empty.append("name", "x.png");
        expectError(await call("POST", path, { multipart: empty, token: anna.token }), 400);
        const elsewhere = new FormData();
        elsewhere.append("photo", new Blob([new Uint8Array(png)]), "x.png");
        expectError(await call("POST", path, { multipart: elsewhere, token: anna.token }), 400);
      });

      test("a declared length over the limit is 413 before the body is sent", async () => {
        const total = 9 * 1024 * 1024;
        const answer = await sendStream(server, {
          method: "POST",
          path,
          headers: {
            authorization: `Bearer ${anna.token}`,
            "content-type": "multipart/form-data; boundary=kabinet",
            "content-length": String(total),
          },
          chunk: Buffer.alloc(64 * 1024, 0x41),
          total,
        });
        expect(answer.status).toBe(413);
        expect(JSON.parse(answer.body)).toMatchObject({ error: 413, response: null });
        expect(answer.sent).toBeLessThan(total);
      });

      test("a chunked file past 5 MiB is 413 before it ends", async () => {
        const boundary = "kabinet-boundary";
        const head = Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n`,
        );
        const total = 64 * 1024 * 1024;
        const answer = await sendStream(server, {
          method: "POST",
          path,
          headers: {
            authorization: `Bearer ${anna.token}`,
            "content-type": `multipart/form-data; boundary=${boundary}`,
            "transfer-encoding": "chunked",
          },
          chunk: Buffer.concat([head, Buffer.alloc(256 * 1024 - head.length, 0x41)]),
          total,
        });
        expect(answer.status).toBe(413);
        expect(JSON.parse(answer.body)).toMatchObject({ error: 413 });
        expect(answer.sent).toBeLessThan(total);
      });
    });

    test("a file where no file is taken, and a huge form body: 4xx, never 500", async () => {
      expectError(
        await call("POST", "/api/profile/UpdateProfileInfo", {
          multipart: imageForm(png, "x.png", { bio: "x" }),
          token: anna.token,
        }),
        400,
      );
      expectError(
        await call("POST", "/api/profile/UpdateProfileInfo", {
          form: { bio: "x".repeat(2 * 1024 * 1024) },
          token: anna.token,
        }),
        413,
      );
    });
  });

  describe("Friends", () => {
    let alice: { id: number; token: string };
    let bob: { id: number; token: string };
    let carol: { id: number; token: string };
    beforeAll(async () => {
      [alice, bob, carol] = await Promise.all([person("alice"), person("bob"), person("carol")]);
    });

    const friendsOf = async (who: { token: string }) =>
      expectOk(
        await call<{ friends: FriendEntry[] }>("GET", "/api/friends/GetFriendList", {
          token: who.token,
        }),
      ).friends;
    const requestsTo = async (who: { token: string }) =>
      expectOk(
        await call<{ requests: number[] }>("GET", "/api/friends/GetFriendRequests", {
          token: who.token,
        }),
      ).requests;

    test("request, see it pending, accept by asking back, then unfriend", async () => {
      expect(await friendsOf(alice)).toEqual([]);
      expectOk(
        await call("POST", "/api/friends/SendFriendRequest", {
          form: { user_id: String(bob.id) },
          token: alice.token,
        }),
      );
      const pending = await friendsOf(alice);
      expect(pending).toEqual([
        { user_id: bob.id, display_name: expect.any(String), pending: true },
      ]);
      expect(await requestsTo(bob)).toEqual([alice.id]);
      // A request someone else sent is not a friend yet, and not "pending" for its addressee.
      expect(await friendsOf(bob)).toEqual([]);

      expectOk(
        await call("POST", "/api/friends/SendFriendRequest", {
          json: { user_id: alice.id },
          token: bob.token,
        }),
      );
      expect(await friendsOf(alice)).toEqual([
        { user_id: bob.id, display_name: expect.any(String), pending: false },
      ]);
      expect(await friendsOf(bob)).toEqual([
        { user_id: alice.id, display_name: expect.any(String), pending: false },
      ]);
      expect(await requestsTo(bob)).toEqual([]);
      const relation = await unified<{ status: string }>("GET", `/friends/${alice.id}`, {
        token: bob.token,
      });
      expect(relation.body.status).toBe("friends");

      expectOk(
        await call("POST", "/api/friends/RemoveFriend", {
          json: { user_id: String(alice.id) },
          token: bob.token,
        }),
      );
      expect(await friendsOf(alice)).toEqual([]);
      expect(await friendsOf(bob)).toEqual([]);
    });

    test("RemoveFriend cancels a request one sent", async () => {
      expectOk(
        await call("POST", "/api/friends/SendFriendRequest", {
          json: { user_id: carol.id },
          token: alice.token,
        }),
      );
      expect(await requestsTo(carol)).toEqual([alice.id]);
      expectOk(
        await call("POST", "/api/friends/RemoveFriend", {
          form: { user_id: String(carol.id) },
          token: alice.token,
        }),
      );
      expect(await requestsTo(carol)).toEqual([]);
      expect(await friendsOf(alice)).toEqual([]);
    });

    test("the display name in the list is the one the friend chose", async () => {
      const chosen = `Кэрол ${unique()}`;
      expectOk(
        await call("POST", "/api/profile/UpdateProfileInfo", {
          json: { display_name: chosen },
          token: carol.token,
        }),
      );
      expectOk(
        await call("POST", "/api/friends/SendFriendRequest", {
          json: { user_id: carol.id },
          token: bob.token,
        }),
      );
      expect(await friendsOf(bob)).toEqual([
        { user_id: carol.id, display_name: chosen, pending: true },
      ]);
    });

    test.each<[string, () => unknown, number]>([
      ["oneself", () => ({ user_id: alice.id }), 400],
      ["someone who does not exist", () => ({ user_id: 2147480000 }), 404],
      ["no user_id", () => ({}), 400],
      ["a user_id that is not a number", () => ({ user_id: "bob" }), 400],
      ["a user_id that is an object", () => ({ user_id: { id: 1 } }), 400],
      ["a user_id with a NUL", () => ({ user_id: "1\u0000" }), 400],
    ])("SendFriendRequest to %s: an error", async (_who, json, status) => {
      expectError(
        await call("POST", "/api/friends/SendFriendRequest", { json: json(), token: alice.token }),
        status,
      );
    });
  });

  describe("Logout", () => {
    test("with a token: the session ends", async () => {
      const who = await person("bye");
      expectOk(await call("POST", "/accounts/logout/", { token: who.token }));
      expectError(await call("GET", "/api/auth/GetCurrentUserId", { token: who.token }), 401);
    });

    test("with the web app's cookie: the session ends and the cookie is cleared", async () => {
      const web = await browser("byecookie");
      const res = await call("POST", "/accounts/logout/", { cookie: web.cookie });
      expectOk(res);
      expect(res.headers.get("set-cookie")).toMatch(/kabinet_refresh=;.*Max-Age=0/);
      expectError(await call("GET", "/api/auth/GetCurrentUserId", { cookie: web.cookie }), 401);
    });

    test("without credentials there is nobody to sign out", async () => {
      expectOk(await call("POST", "/accounts/logout/"));
    });
  });

  describe("cross-site requests with the cookie", () => {
    test("the session cookie is SameSite=Strict and HttpOnly", async () => {
      const data = newUser({}, "samesite");
      const res = await fetch(`${server.baseUrl}/trpc/auth.register`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(data),
      });
      expect(res.status).toBe(200);
      const session = res.headers.getSetCookie().find((c) => c.startsWith("kabinet_refresh="));
      expect(session).toMatch(/SameSite=Strict/);
      expect(session).toMatch(/HttpOnly/);
    });

    test("a cross-site form cannot change a profile or sign someone out", async () => {
      const web = await browser("csrf");
      const before = expectOk(
        await call<Profile>("GET", "/api/profile/GetProfile", {
          query: { user_id: String(web.id) },
          cookie: web.cookie,
        }),
      );
      const crossSite: Array<Record<string, string>> = [
        { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
        { origin: "https://evil.example" },
        { origin: "null" },
        { "sec-fetch-site": "same-site" },
      ];
      for (const headers of crossSite) {
        expectError(
          await call("POST", "/api/profile/UpdateProfileInfo", {
            form: { bio: "hacked" },
            cookie: web.cookie,
            headers,
          }),
          403,
        );
        expectError(await call("POST", "/accounts/logout/", { cookie: web.cookie, headers }), 403);
      }
      const after = expectOk(
        await call<Profile>("GET", "/api/profile/GetProfile", {
          query: { user_id: String(web.id) },
          cookie: web.cookie,
        }),
      );
      expect(after.bio).toBe(before.bio);
      // The web app itself (same origin) and token callers from anywhere are served.
      expectOk(
        await call("POST", "/api/profile/UpdateProfileInfo", {
          form: { bio: "своё" },
          cookie: web.cookie,
          headers: { origin: server.baseUrl, "sec-fetch-site": "same-origin" },
        }),
      );
      const tokenCaller = await person("xsite");
      expectOk(
        await call("POST", "/api/profile/UpdateProfileInfo", {
          json: { bio: "из приложения" },
          token: tokenCaller.token,
          headers: { origin: "https://elsewhere.example", "sec-fetch-site": "cross-site" },
        }),
      );
    });
  });

  describe("paths and methods", () => {
    test.each([
      ["/api/auth/Login"],
      ["/api/profile/DeleteProfile"],
      ["/api/friends/"],
      ["/accounts/login/"],
      ["/api/profile/getprofile/extra"],
    ])("unknown %s: 404 in the envelope", async (path) => {
      expectError(await call("GET", path, { token: owner.token }), 404);
    });

    test.each([
      ["GET", "/api/friends/SendFriendRequest", "POST"],
      ["POST", "/api/auth/GetCurrentUserId", "GET"],
      ["GET", "/accounts/logout/", "POST"],
      ["DELETE", "/api/friends/RemoveFriend", "POST"],
    ])("%s %s: 405 with Allow, in the envelope", async (method, path, allow) => {
      const res = await call(method, path, { token: owner.token });
      expectError(res, 405);
      expect(res.headers.get("allow")).toContain(allow);
    });

    test("the other older APIs keep their own paths", async () => {
      const qr = await call("GET", "/api/qr", { token: owner.token });
      expect(qr.status).toBe(200);
      expect(Object.keys(qr.body).sort()).toEqual(["code", "time_expire", "time_start"]);
    });
  });
});
