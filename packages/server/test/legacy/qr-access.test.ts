// The QR access API as its door terminals and stations were written against it: `GET
// /api/getUser?code=`, `POST /api/getUser {code}` → {username, fullname, permissions}; `GET
// /api/qr` for a signed-in person → {code, time_start, time_expire}; failures
// {error, error_msg} with 1, 10, 101, 102, 103 and 104.
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { expireQrCode, newUser, rest, startTestServer, trpc, type TestServer } from "../helpers.ts";

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
  text: string;
}

let server: TestServer;
let unified: ReturnType<typeof rest>;
let admin: string;
let member: { id: number; token: string; login: string };
let laser: { id: number; key: string };

async function call(
  method: string,
  path: string,
  options: { token?: string; json?: unknown; form?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.json);
  } else if (options.form !== undefined) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = options.form;
  }
  const res = await fetch(`${server.baseUrl}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // left empty: the assertions on `text` say what came instead
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

async function signUp(prefix: string) {
  const data = newUser({}, prefix);
  const res = await unified<{ user: { id: number }; token: { access_token: string } }>(
    "POST",
    "/auth/register",
    { body: data },
  );
  expect(res.status).toBe(201);
  return { id: res.body.user.id, token: res.body.token.access_token, login: data.login };
}

const myCode = async (token: string) =>
  (await call("GET", "/api/qr", { token })).body as {
    code: string;
    time_start: number;
    time_expire: number;
  };

beforeAll(async () => {
  server = await startTestServer();
  unified = rest(server);
  admin = (await signUp("owner")).token;
  member = await signUp("member");
  const device = await unified<{ device: { id: number }; api_key: string }>("POST", "/devices", {
    token: admin,
    body: { name: "Laser cutter", slug: "laser-cutter", location: "Room 2" },
  });
  laser = { id: device.body.device.id, key: device.body.api_key };
  const group = await unified<{ id: number }>("POST", "/groups", {
    token: admin,
    body: { name: "Laser trained", permissions: ["device:laser-cutter:use"] },
  });
  await unified("PUT", `/groups/${group.body.id}/members/${member.id}`, { token: admin });
});
afterAll(() => server.close());

describe("GET /api/qr", () => {
  test("a signed-in person's code and its window, in epoch seconds", async () => {
    const res = await call("GET", "/api/qr", { token: member.token });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(["code", "time_expire", "time_start"]);
    const { code, time_start, time_expire } = res.body as Record<string, number | string>;
    expect(typeof code).toBe("string");
    expect(Number.isInteger(time_start) && Number.isInteger(time_expire)).toBe(true);
    const now = Math.floor(Date.now() / 1000);
    expect(time_start).toBeLessThanOrEqual(now);
    expect(time_expire).toBeGreaterThan(now);
  });

  test("the web app's session cookie is enough, as the site's cookies were", async () => {
    const browser = trpc(server);
    const data = newUser({}, "browser");
    await browser.client.auth.register.mutate(data);
    expect(browser.jar.size).toBeGreaterThan(0);
    const cookie = [...browser.jar].map(([k, v]) => `${k}=${v}`).join("; ");
    const res = await call("GET", "/api/qr", { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(typeof res.body.code).toBe("string");
    // Reading the code spends nothing: the same cookie still refreshes the session.
    expect((await call("GET", "/api/qr", { headers: { cookie } })).status).toBe(200);
  });

  test("nobody signed in: an error in the API's own shape", async () => {
    const res = await call("GET", "/api/qr");
    expect(res.body).toMatchObject({ error: 1 });
    expect(typeof res.body.error_msg).toBe("string");
    expect(res.status).toBe(401);
    const forged = await call("GET", "/api/qr", { headers: { cookie: "kabinet_refresh=forged" } });
    expect(forged.body).toMatchObject({ error: 1 });
  });
});

describe("getUser", () => {
  test("GET with the code in the query string", async () => {
    const { code } = await myCode(member.token);
    const res = await call("GET", `/api/getUser?code=${encodeURIComponent(code)}`, {
      token: laser.key,
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      username: member.login,
      fullname: "Смирнова Анна",
      permissions: { "laser-cutter": true },
    });
  });

  test("POST with the code in a JSON body, or a form", async () => {
    const { code } = await myCode(member.token);
    const json = await call("POST", "/api/getUser", { token: laser.key, json: { code } });
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({
      username: member.login,
      permissions: { "laser-cutter": true },
    });
    const form = await call("POST", "/api/getUser", {
      token: laser.key,
      form: `code=${encodeURIComponent(code)}`,
    });
    expect(form.body).toMatchObject({ username: member.login });
  });

  test("a person without machine rights has an empty permissions object", async () => {
    const other = await signUp("novice");
    const { code } = await myCode(other.token);
    const res = await call("GET", `/api/getUser?code=${code}`, { token: laser.key });
    expect(res.body).toEqual({ username: other.login, fullname: "Смирнова Анна", permissions: {} });
  });

  test("101: no code was sent", async () => {
    for (const res of [
      await call("GET", "/api/getUser", { token: laser.key }),
      await call("GET", "/api/getUser?code=", { token: laser.key }),
      await call("POST", "/api/getUser", { token: laser.key, json: {} }),
    ]) {
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ error: 101, error_msg: "Код не был отправлен с клиента" });
    }
  });

  test("102: the code is not in the database, whatever its form", async () => {
    for (const code of ["AAAAAAAAAAAAAAAAAAAAAA", "not a code", "x", "9".repeat(500)]) {
      const res = await call("GET", `/api/getUser?code=${encodeURIComponent(code)}`, {
        token: laser.key,
      });
      expect(res.body).toEqual({ error: 102, error_msg: "Код отсутствует в базе данных" });
    }
  });

  test("103: not valid yet; 104: expired", async () => {
    const qr = (
      await unified<{ code: string; next: { code: string } }>("GET", "/me/qr", {
        token: member.token,
      })
    ).body;
    const early = await call("GET", `/api/getUser?code=${qr.next.code}`, { token: laser.key });
    expect(early.body).toEqual({
      error: 103,
      error_msg: "Код пока не действителен, будет действителен через время",
    });
    await expireQrCode(server, qr.code);
    const late = await call("GET", `/api/getUser?code=${qr.code}`, { token: laser.key });
    expect(late.body).toEqual({ error: 104, error_msg: "Код просрочен" });
  });

  test("10: the person is no longer there", async () => {
    const gone = await signUp("gone");
    const { code } = await myCode(gone.token);
    await unified("PUT", `/users/${gone.id}/state`, { token: admin, body: { state: "blocked" } });
    const res = await call("GET", `/api/getUser?code=${code}`, { token: laser.key });
    expect(res.body).toEqual({ error: 10, error_msg: "Пользователь не найден" });
  });

  test("without a device key only while keyless scans are allowed", async () => {
    const { code } = await myCode(member.token);
    const refused = await call("GET", `/api/getUser?code=${code}`);
    expect(refused.body).toMatchObject({ error: 1 });
    expect(refused.status).toBe(401);
    const bad = await call("GET", `/api/getUser?code=${code}`, { token: "kbd_not-a-key" });
    expect(bad.body).toMatchObject({ error: 1 });
    await unified("PATCH", "/settings", { token: admin, body: { qr_keyless_resolve: true } });
    try {
      const open = await call("GET", `/api/getUser?code=${code}`);
      expect(open.body).toMatchObject({ username: member.login });
    } finally {
      await unified("PATCH", "/settings", { token: admin, body: { qr_keyless_resolve: false } });
    }
  });

  test("every look-up is in the device's audit log", async () => {
    const { code } = await myCode(member.token);
    await call("GET", `/api/getUser?code=${code}`, { token: laser.key });
    await call("GET", `/api/getUser?code=AAAAAAAAAAAAAAAAAAAAAA`, { token: laser.key });
    const logs = await unified<{ items: Array<{ action: string; user_id: number | null }> }>(
      "GET",
      `/logs?device_id=${laser.id}&limit=2`,
      { token: admin },
    );
    expect(logs.body.items.map((e) => e.action)).toEqual(["qr.resolve_failed", "qr.resolved"]);
    expect(logs.body.items[1]!.user_id).toBe(member.id);
  });
});

describe("one identity on both APIs", () => {
  test("a code from /api/qr resolves on the unified API, and the other way round", async () => {
    const legacyCode = (await myCode(member.token)).code;
    const resolved = await unified<{ user_id: number }>("POST", "/qr/resolve", {
      token: laser.key,
      body: { code: legacyCode },
    });
    expect(resolved.body.user_id).toBe(member.id);
    const unifiedCode = (await unified<{ code: string }>("GET", "/me/qr", { token: member.token }))
      .body.code;
    const res = await call("POST", "/api/getUser", {
      token: laser.key,
      json: { code: unifiedCode },
    });
    expect(res.body).toMatchObject({ username: member.login });
  });
});

describe("paths of the API", () => {
  test("an unknown method under /api/ answers JSON in the API's shape, never the web page", async () => {
    for (const path of ["/api/nothing", "/api/", "/api", "/api/getUser/extra"]) {
      const res = await call("GET", path);
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      expect(res.body).toMatchObject({ error: 1 });
    }
  });

  test("a known path with another method: 405 with Allow", async () => {
    const res = await call("DELETE", "/api/getUser");
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, POST");
    expect(res.body).toMatchObject({ error: 1 });
  });

  test("hostile input is a client error in the API's shape", async () => {
    const nul = await call("GET", "/api/getUser?code=%00", { token: laser.key });
    expect(nul.status).toBeLessThan(500);
    expect(nul.body).toHaveProperty("error");
    const broken = await fetch(`${server.baseUrl}/api/getUser`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${laser.key}` },
      body: "{not json",
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ error: 1 });
    const xml = await fetch(`${server.baseUrl}/api/getUser`, {
      method: "POST",
      headers: { "content-type": "text/xml", authorization: `Bearer ${laser.key}` },
      body: "<code/>",
    });
    expect(xml.status).toBe(415);
  });
});
