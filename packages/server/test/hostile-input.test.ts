import { crc32, gzipSync } from "node:zlib";

import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { NUL_MESSAGE, type AuthResult, type Problem } from "@kabinet/contracts";

import { newUser, rest, startTestServer, type TestServer } from "./helpers.ts";
import { expectOk, expectProblem, surfaces, type Outcome, type Surface } from "./surfaces.ts";

let server: TestServer;
let owner: { id: number; token: string };

beforeAll(async () => {
  server = await startTestServer();
  const reg = await rest(server)<AuthResult>("POST", "/auth/register", { body: newUser() });
  owner = { id: reg.body.user.id, token: reg.body.token.access_token };
});
afterAll(() => server.close());

function fieldMessages(outcome: Outcome): Array<[string, string]> {
  return outcome.ok ? [] : (outcome.errors ?? []).map((e) => [e.field, e.message]);
}

/** A raw request to either surface; the answer's status, headers and parsed body. */
async function send(path: string, init: RequestInit = {}) {
  const res = await fetch(`${server.baseUrl}${path}`, init);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: kept as text.
  }
  return { status: res.status, headers: res.headers, body: body as Record<string, never> };
}

/** The contract's problem code of a tRPC answer. */
const trpcProblem = (body: unknown) =>
  (body as { error?: { data?: { problem?: string } } }).error?.data?.problem;

const json = { "content-type": "application/json" };
const signIn = JSON.stringify({ login: "nobody", password: "long enough" });

describe.each(surfaces)("hostile input over %s", (_name, makeSurface) => {
  let api: Surface;
  beforeAll(() => {
    api = makeSurface(server);
  });

  describe("U+0000 is refused as a validation problem naming the field", () => {
    test("in an anonymous sign-in, by login or by email", async () => {
      const byLogin = await api.call("auth", "login", { login: "ad\0min", password: "whatever1" });
      expectProblem(byLogin, 400, "validation_failed");
      expect(fieldMessages(byLogin)).toEqual([["login", NUL_MESSAGE]]);
      const byEmail = await api.call("auth", "login", {
        email: "a@example.org",
        password: "what\0ever",
      });
      expectProblem(byEmail, 400, "validation_failed");
      expect(fieldMessages(byEmail)).toEqual([["password", NUL_MESSAGE]]);
    });

    test("in a query parameter", async () => {
      const outcome = await api.call("auth", "loginAvailable", { login: "ab\0cd" });
      expectProblem(outcome, 400, "validation_failed");
      expect(fieldMessages(outcome)).toContainEqual(["login", NUL_MESSAGE]);
    });

    test("in a path parameter and in fields of a signed-in write", async () => {
      const byLogin = await api.call(
        "users",
        "getByLogin",
        { login: "ab\0cd" },
        { token: owner.token },
      );
      expectProblem(byLogin, 400, "validation_failed");
      expect(fieldMessages(byLogin)).toContainEqual(["login", NUL_MESSAGE]);
      const update = await api.call(
        "me",
        "update",
        { display_name: "Anna\0", contacts: { telegram: "@a\0" } },
        { token: owner.token },
      );
      expectProblem(update, 400, "validation_failed");
      expect(fieldMessages(update)).toEqual([
        ["display_name", NUL_MESSAGE],
        ["contacts.telegram", NUL_MESSAGE],
      ]);
    });
  });

  describe("avatars are PNG, JPEG, WebP or GIF, recognised by content", () => {
    const setAvatar = (bytes: Buffer) =>
      api.call(
        "users",
        "setAvatar",
        { id: owner.id, image: bytes.toString("base64") },
        { token: owner.token },
      );

    test("SVG is refused, even one that starts like an XML file of any name", async () => {
      const svg = Buffer.from(
        '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="64" height="64">' +
          '<rect width="64" height="64" fill="#36f"/></svg>',
      );
      const outcome = await setAvatar(svg);
      expectProblem(outcome, 400, "validation_failed");
      expect(fieldMessages(outcome)).toEqual([
        ["image", "Not a PNG, JPEG, WebP or GIF image (judged by its content)"],
      ]);
    });

    test("each accepted format is stored", async () => {
      const image = sharp({ create: { width: 8, height: 8, channels: 3, background: "#3366ff" } });
      for (const format of ["png", "jpeg", "webp", "gif"] as const) {
        const bytes = await image.clone().toFormat(format).toBuffer();
        expectOk(await setAvatar(bytes));
      }
    });

    test("a pixel flood (a tiny PNG declaring 20000×20000 pixels) is refused unread", async () => {
      const png = await sharp({
        create: { width: 1, height: 1, channels: 3, background: "#000" },
      })
        .png()
        .toBuffer();
      // IHDR: length (4), "IHDR" (4), width (4), height (4), … and its CRC over type and data.
      png.writeUInt32BE(20_000, 16);
      png.writeUInt32BE(20_000, 20);
      png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
      const outcome = await setAvatar(png);
      expectProblem(outcome, 400, "validation_failed");
      expect(fieldMessages(outcome)).toEqual([
        ["image", "The image is too large: at most 40 million pixels"],
      ]);
    });
  });
});

describe("bodies in a content coding", () => {
  const notGzip = { ...json, "content-encoding": "gzip" };
  const bomb = gzipSync(Buffer.alloc(3 * 1024 * 1024, " "));

  test("REST: bytes that are not what Content-Encoding says are a 400", async () => {
    const res = await send("/rest/v1/auth/login", {
      method: "POST",
      headers: notGzip,
      body: signIn,
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: "malformed_json",
      detail: expect.stringMatching(/gzip/),
    });
  });

  test("REST: an unknown coding is a 415 that lists the codings read", async () => {
    const res = await send("/rest/v1/auth/login", {
      method: "POST",
      headers: { ...json, "content-encoding": "zork" },
      body: signIn,
    });
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ code: "unsupported_media_type" });
    expect(res.headers.get("accept-encoding")).toBe("gzip, deflate, br");
  });

  test("REST: gzip is read, and what inflates past 1 MiB is a 413", async () => {
    expect(bomb.length).toBeLessThan(10_000);
    const ok = await send("/rest/v1/auth/login", {
      method: "POST",
      headers: notGzip,
      body: gzipSync(signIn),
    });
    expect(ok.body).toMatchObject({ code: "invalid_credentials" });
    const big = await send("/rest/v1/auth/login", { method: "POST", headers: notGzip, body: bomb });
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ code: "payload_too_large" });
  });

  test("tRPC: any coding is a 415, the body unread", async () => {
    for (const [coding, body] of [
      ["gzip", signIn],
      ["zork", signIn],
      ["gzip", bomb],
    ] as const) {
      const res = await send("/trpc/auth.login", {
        method: "POST",
        headers: { ...json, "content-encoding": coding },
        body,
      });
      expect(res.status, coding).toBe(415);
      expect(trpcProblem(res.body), coding).toBe("unsupported_media_type");
      expect(res.headers.get("accept-encoding")).toBe("identity");
    }
  });
});

describe("strict REST", () => {
  const call = () => rest(server);

  test("a body that is not JSON is a 415, never read as an empty one; tRPC says the same", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "text/json"]) {
      const res = await send("/rest/v1/auth/login", {
        method: "POST",
        headers: { "content-type": type },
        body: signIn,
      });
      expect(res.status, type).toBe(415);
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ code: "unsupported_media_type" });
      const viaTrpc = await send("/trpc/auth.login", {
        method: "POST",
        headers: { "content-type": type },
        body: signIn,
      });
      expect(viaTrpc.status, type).toBe(415);
      // tRPC's own refusal would be JSON labelled text/plain.
      expect(viaTrpc.headers.get("content-type"), type).toMatch(/^application\/json/);
      expect(trpcProblem(viaTrpc.body), type).toBe("unsupported_media_type");
    }
    // No type at all is no JSON either.
    const untyped = await send("/trpc/auth.login", {
      method: "POST",
      body: new TextEncoder().encode(signIn),
    });
    expect(untyped.status).toBe(415);
    expect(untyped.headers.get("content-type")).toMatch(/^application\/json/);
    const group = await call()<Problem>("POST", "/groups", {
      token: owner.token,
      raw: JSON.stringify({ name: "Typed wrong" }),
      headers: { "content-type": "text/plain" },
    });
    expect(group.status).toBe(415);
    // No body needs no type: `PUT /groups/1/members/2` may be sent bare.
    const created = await call()<{ id: number }>("POST", "/groups", {
      token: owner.token,
      body: { name: "Bare" },
    });
    const added = await call()("PUT", `/groups/${created.body.id}/members/${owner.id}`, {
      token: owner.token,
    });
    expect(added.status).toBe(200);
  });

  test("unknown query parameters are a 400 naming each of them", async () => {
    const res = await call()<Problem>("GET", "/logs/export.csv?userId=5&order=asc&x=1", {
      token: owner.token,
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "validation_failed" });
    expect(res.body.errors).toEqual([
      { field: "userId", message: "Not a parameter of this operation" },
      { field: "x", message: "Not a parameter of this operation" },
    ]);
    // Operations with a body take no query at all; those without input take none either.
    const login = await call()<Problem>("POST", "/auth/login?debug=1", {
      body: { login: "nobody", password: "long enough" },
    });
    expect(login.body.errors).toEqual([
      { field: "debug", message: "Not a parameter of this operation" },
    ]);
    const me = await call()<Problem>("GET", "/me?fields=all", { token: owner.token });
    expect(me.status).toBe(400);
    // The parameters an operation does take still work.
    const exported = await fetch(`${server.baseUrl}/rest/v1/logs/export.csv?user_id=5`, {
      headers: { authorization: `Bearer ${owner.token}` },
    });
    expect(exported.status).toBe(200);
  });

  test("a path parameter that is not valid percent-encoding is a 400, on the site too", async () => {
    for (const path of ["/rest/v1/users/%", "/rest/v1/groups/%E0%A4%A/members", "/media/%"]) {
      const res = await send(path, { headers: { authorization: `Bearer ${owner.token}` } });
      expect(res.status, path).toBe(400);
      expect(res.body, path).toMatchObject({
        code: "validation_failed",
        detail: expect.any(String),
      });
    }
  });

  test("a known path asked with another method is a 405 with Allow", async () => {
    const cases: Array<[string, string, string]> = [
      ["POST", "/me", "GET, PATCH, HEAD"],
      ["DELETE", "/groups", "GET, POST, HEAD"],
      ["GET", "/auth/login", "POST"],
      ["POST", "/groups/7/members/3", "PUT, DELETE"],
      ["DELETE", "/openapi.json", "GET, HEAD"],
    ];
    for (const [method, path, allow] of cases) {
      const res = await call()<Problem>(method, path, { token: owner.token });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get("allow"), `${method} ${path}`).toBe(allow);
      expect(res.body).toMatchObject({ code: "method_not_allowed", detail: expect.any(String) });
    }
    expect((await call()("POST", "/no/such/path")).status).toBe(404);
  });

  test("401 answers carry WWW-Authenticate: Bearer, on REST and on tRPC", async () => {
    const anonymous = await call()("GET", "/me");
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toBe('Bearer realm="kabinet"');
    const forged = await call()("GET", "/me", { token: "not-a-token" });
    expect(forged.headers.get("www-authenticate")).toBe(
      'Bearer realm="kabinet", error="invalid_token"',
    );
    const viaTrpc = await send(`/trpc/me.get?input=${encodeURIComponent("{}")}`);
    expect(viaTrpc.status).toBe(401);
    expect(viaTrpc.headers.get("www-authenticate")).toBe('Bearer realm="kabinet"');
    const signedIn = await call()("GET", "/me", { token: owner.token });
    expect(signedIn.headers.get("www-authenticate")).toBeNull();
  });

  test("every problem has a detail for a person", async () => {
    const answers = [
      await call()("GET", "/me"),
      await call()("GET", "/no-such-thing"),
      await call()("GET", "/users/999999", { token: owner.token }),
      await call()("POST", "/auth/login", { raw: "{", headers: json }),
      await call()("POST", "/auth/login", { body: { login: "nobody", password: "long enough" } }),
      await send("/nowhere"),
    ];
    for (const res of answers) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect((res.body as Problem).detail, JSON.stringify(res.body)).toMatch(/^\S.{5,}/);
    }
  });

  test("Permissions-Policy denies powerful features on API and site answers", async () => {
    const answers = await Promise.all([
      fetch(`${server.baseUrl}/rest/v1/me`),
      fetch(`${server.baseUrl}/trpc/me.get`),
      fetch(`${server.baseUrl}/health`),
      fetch(`${server.baseUrl}/docs/`),
      fetch(`${server.baseUrl}/nowhere`),
    ]);
    for (const res of answers) {
      const policy = res.headers.get("permissions-policy");
      expect(policy, res.url).toContain("camera=()");
      expect(policy, res.url).toContain("microphone=()");
      expect(policy, res.url).toContain("geolocation=()");
    }
  });
});
