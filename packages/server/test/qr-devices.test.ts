import { afterAll, beforeAll, describe, expect, test } from "vitest";

import type { AuthResult, Problem } from "@kabinet/contracts";
import { eq, schema } from "@kabinet/db";

import { hashSecret } from "../src/infra/tokens.ts";
import { expireQrCode, newUser, startTestServer, type TestServer } from "./helpers.ts";
import { expectOk, expectProblem, fields, surfaces, type Surface } from "./surfaces.ts";

const unknownCode = "AAAAAAAAAAAAAAAAAAAAAA";

describe.each(surfaces)("QR codes and devices over %s", (_surfaceName, makeSurface) => {
  let server: TestServer;
  let api: Surface;
  let admin: string;
  let member: { id: number; token: string };
  let laser: { id: number; key: string };

  async function signUp(prefix: string) {
    const reg = expectOk(await api.call("auth", "register", newUser({}, prefix)));
    return { id: reg.user.id, token: reg.token.access_token };
  }

  const resolve = (key: string, input: Record<string, unknown>) =>
    api.call("qr", "resolve", input, { token: key });

  beforeAll(async () => {
    server = await startTestServer();
    api = makeSurface(server);
    admin = (await signUp("owner")).token;
    member = await signUp("member");
    const created = expectOk(
      await api.call(
        "devices",
        "create",
        { name: "Laser cutter", slug: "laser-cutter", location: "Room 2" },
        { token: admin },
      ),
    );
    laser = { id: created.device.id, key: created.api_key };
  });
  afterAll(() => server.close());

  describe("my QR code", () => {
    test("a code for the current window and the next, aligned to the window", async () => {
      const qr = expectOk(await api.call("me", "qr", {}, { token: member.token }));
      expect(qr.code).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(qr.time_expire - qr.time_start).toBe(300);
      expect(qr.time_start % 300).toBe(0);
      const now = Date.now() / 1000;
      expect(qr.time_start).toBeLessThanOrEqual(now);
      expect(qr.time_expire).toBeGreaterThan(now);
      expect(qr.next).toMatchObject({
        time_start: qr.time_expire,
        time_expire: qr.time_expire + 300,
      });
      expect(qr.next.code).not.toBe(qr.code);
    });

    test("only hashes are stored", async () => {
      const qr = expectOk(await api.call("me", "qr", {}, { token: member.token }));
      const rows = await server.database.db
        .select()
        .from(schema.qrCodes)
        .where(eq(schema.qrCodes.userId, member.id));
      expect(rows.some((r) => r.codeHash === hashSecret(qr.code))).toBe(true);
      expect(JSON.stringify(rows)).not.toContain(qr.code);
    });

    test("needs a signed-in person", async () => {
      expectProblem(await api.call("me", "qr", {}), 401, "unauthorized");
      expectProblem(await api.call("me", "qr", {}, { token: laser.key }), 403, "forbidden");
    });
  });

  describe("devices", () => {
    test("registering answers the key once; only its hash and prefix are kept", async () => {
      const created = expectOk(
        await api.call(
          "devices",
          "create",
          { name: "Drill", slug: "drill-press" },
          { token: admin },
        ),
      );
      expect(created.api_key).toMatch(/^kbd_[A-Za-z0-9_-]{43}$/);
      expect(created.device).toMatchObject({
        slug: "drill-press",
        required_permission: "device:drill-press:use",
        location: null,
        last_seen_at: null,
      });
      expect(created.api_key.startsWith(created.device.key_prefix)).toBe(true);
      const [row] = await server.database.db
        .select()
        .from(schema.devices)
        .where(eq(schema.devices.id, created.device.id));
      expect(row!.keyHash).toBe(hashSecret(created.api_key));
      expect(
        JSON.stringify(
          expectOk(await api.call("devices", "get", { id: created.device.id }, { token: admin })),
        ),
      ).not.toContain(created.api_key);
    });

    test("slugs are unique and well-formed; unknown devices are 404", async () => {
      expectProblem(
        await api.call(
          "devices",
          "create",
          { name: "Again", slug: "laser-cutter" },
          { token: admin },
        ),
        409,
        "device_slug_taken",
      );
      expect(
        fields(
          await api.call(
            "devices",
            "create",
            { name: "Bad", slug: "Laser Cutter" },
            { token: admin },
          ),
        ),
      ).toEqual(["slug"]);
      expectProblem(
        await api.call("devices", "get", { id: 999_999 }, { token: admin }),
        404,
        "device_not_found",
      );
      expectProblem(
        await api.call("devices", "rotateKey", { id: 999_999 }, { token: admin }),
        404,
        "device_not_found",
      );
    });

    test("update, list by cursor, remove", async () => {
      const created = expectOk(
        await api.call("devices", "create", { name: "Lathe", slug: "lathe" }, { token: admin }),
      );
      const updated = expectOk(
        await api.call(
          "devices",
          "update",
          { id: created.device.id, location: "Workshop", name: "Big lathe" },
          { token: admin },
        ),
      );
      expect(updated).toMatchObject({ name: "Big lathe", location: "Workshop", slug: "lathe" });
      const first = expectOk(await api.call("devices", "list", { limit: 1 }, { token: admin }));
      const second = expectOk(
        await api.call(
          "devices",
          "list",
          { limit: 100, cursor: first.next_cursor },
          { token: admin },
        ),
      );
      const ids = [...first.items, ...second.items].map((d) => d.id);
      expect(ids).toContain(created.device.id);
      expect(new Set(ids).size).toBe(ids.length);
      expectOk(await api.call("devices", "remove", { id: created.device.id }, { token: admin }));
      expectProblem(await resolve(created.api_key, { code: unknownCode }), 401, "invalid_token");
    });

    test("plain members may not manage devices", async () => {
      expectProblem(
        await api.call("devices", "list", {}, { token: member.token }),
        403,
        "forbidden",
      );
      expectProblem(
        await api.call("devices", "create", { name: "X", slug: "x" }, { token: member.token }),
        403,
        "forbidden",
      );
    });

    test("a device key may only resolve codes", async () => {
      for (const [group, name, input] of [
        ["me", "get", {}],
        ["users", "list", {}],
        ["devices", "list", {}],
        ["logs", "list", {}],
      ] as const) {
        expectProblem(await api.call(group, name, input, { token: laser.key }), 403, "forbidden");
      }
    });

    test("registered machines appear in the permission catalogue", async () => {
      const { items } = expectOk(await api.call("permissions", "list", {}, { token: admin }));
      expect(items).toContainEqual({
        name: "device:laser-cutter:use",
        description: "Use Laser cutter",
        kind: "device",
      });
    });
  });

  describe("resolve", () => {
    test("denied without the device permission, allowed once a group grants it", async () => {
      const { code } = expectOk(await api.call("me", "qr", {}, { token: member.token }));
      const denied = expectOk(await resolve(laser.key, { code }));
      expect(denied).toMatchObject({
        user_id: member.id,
        allowed: false,
        device: { id: laser.id, slug: "laser-cutter" },
      });
      expect(denied.fullname).toBe("Смирнова Анна");
      const group = expectOk(
        await api.call(
          "groups",
          "create",
          { name: "Laser trained", permissions: ["device:laser-cutter:use"] },
          { token: admin },
        ),
      );
      expectOk(
        await api.call(
          "groups",
          "addMember",
          { id: group.id, user_id: member.id },
          { token: admin },
        ),
      );
      const allowed = expectOk(await resolve(laser.key, { code }));
      expect(allowed.allowed).toBe(true);
      expect(allowed.permissions).toContain("device:laser-cutter:use");
      // Last-seen is written after the answer, off the request's path.
      await expect
        .poll(
          async () =>
            expectOk(await api.call("devices", "get", { id: laser.id }, { token: admin }))
              .last_seen_at,
        )
        .not.toBeNull();
    });

    test("missing, unknown, early and expired codes each have their own answer", async () => {
      expectProblem(await resolve(laser.key, {}), 400, "qr_code_missing");
      expectProblem(await resolve(laser.key, { code: "" }), 400, "qr_code_missing");
      // A code Kabinet cannot have issued is unknown, whatever its length or alphabet.
      for (const code of ["not a code", "A".repeat(21), "A".repeat(23), "https://example.org/"])
        expectProblem(await resolve(laser.key, { code }), 404, "qr_code_unknown");
      expectProblem(await resolve(laser.key, { code: "9".repeat(7089) }), 404, "qr_code_unknown");
      expectProblem(await resolve(laser.key, { code: 42 }), 400, "validation_failed");
      expectProblem(await resolve(laser.key, { code: unknownCode }), 404, "qr_code_unknown");
      const qr = expectOk(await api.call("me", "qr", {}, { token: member.token }));
      expectProblem(await resolve(laser.key, { code: qr.next.code }), 409, "qr_code_not_yet_valid");
      await expireQrCode(server, qr.code);
      expectProblem(await resolve(laser.key, { code: qr.code }), 409, "qr_code_expired");
    });

    test("blocked and deleted people are not found", async () => {
      const person = await signUp("blocked");
      const { code } = expectOk(await api.call("me", "qr", {}, { token: person.token }));
      expectOk(
        await api.call("users", "setState", { id: person.id, state: "blocked" }, { token: admin }),
      );
      expectProblem(await resolve(laser.key, { code }), 404, "user_not_found");
    });

    test("a rotated key stops at once; the new one works", async () => {
      const created = expectOk(
        await api.call("devices", "create", { name: "Door", slug: "front-door" }, { token: admin }),
      );
      const rotated = expectOk(
        await api.call("devices", "rotateKey", { id: created.device.id }, { token: admin }),
      );
      expect(rotated.api_key).not.toBe(created.api_key);
      expectProblem(await resolve(created.api_key, { code: unknownCode }), 401, "invalid_token");
      expectProblem(await resolve(rotated.api_key, { code: unknownCode }), 404, "qr_code_unknown");
    });

    test("admins may test a scan against a device; plain members may not resolve", async () => {
      const { code } = expectOk(await api.call("me", "qr", {}, { token: member.token }));
      const tested = expectOk(
        await api.call("qr", "resolve", { code, device_id: laser.id }, { token: admin }),
      );
      expect(tested).toMatchObject({ user_id: member.id, device: { slug: "laser-cutter" } });
      const plain = expectOk(await api.call("qr", "resolve", { code }, { token: admin }));
      expect(plain).toMatchObject({ allowed: null, device: null });
      expectProblem(
        await api.call("qr", "resolve", { code, device_id: 999_999 }, { token: admin }),
        404,
        "device_not_found",
      );
      expectProblem(
        await api.call("qr", "resolve", { code }, { token: member.token }),
        403,
        "forbidden",
      );
    });

    test("without a key only while the setting allows it", async () => {
      const { code } = expectOk(await api.call("me", "qr", {}, { token: member.token }));
      expectProblem(await api.call("qr", "resolve", { code }), 401, "unauthorized");
      expect(
        expectOk(
          await api.call("settings", "update", { qr_keyless_resolve: true }, { token: admin }),
        ),
      ).toEqual({ qr_keyless_resolve: true });
      expect(expectOk(await api.call("qr", "resolve", { code }))).toMatchObject({
        user_id: member.id,
        allowed: null,
      });
      expectOk(
        await api.call("settings", "update", { qr_keyless_resolve: false }, { token: admin }),
      );
      expectProblem(await api.call("qr", "resolve", { code }), 401, "unauthorized");
      expectProblem(
        await api.call("settings", "update", { qr_keyless_resolve: true }, { token: member.token }),
        403,
        "forbidden",
      );
    });

    test("a retry with the same idempotency key answers the same and is logged once", async () => {
      const { code } = expectOk(await api.call("me", "qr", {}, { token: member.token }));
      const before = expectOk(
        await api.call("logs", "list", { device_id: laser.id, limit: 100 }, { token: admin }),
      ).items.length;
      const first = expectOk(await resolve(laser.key, { code, idempotency_key: "scan-0001-abc" }));
      const again = expectOk(await resolve(laser.key, { code, idempotency_key: "scan-0001-abc" }));
      expect(again).toEqual(first);
      expectProblem(
        await resolve(laser.key, { code: unknownCode, idempotency_key: "scan-0002-abc" }),
        404,
        "qr_code_unknown",
      );
      expectProblem(
        await resolve(laser.key, { code: unknownCode, idempotency_key: "scan-0002-abc" }),
        404,
        "qr_code_unknown",
      );
      const after = expectOk(
        await api.call("logs", "list", { device_id: laser.id, limit: 100 }, { token: admin }),
      ).items.length;
      expect(after - before).toBe(2);
    });

    test("every resolution is in the audit log under the device", async () => {
      const { items } = expectOk(
        await api.call(
          "logs",
          "list",
          { device_id: laser.id, limit: 100, order: "asc" },
          { token: admin },
        ),
      );
      const results = items.filter((e) => e.action.startsWith("qr.")).map((e) => e.details.result);
      expect(results).toEqual(
        expect.arrayContaining([
          "denied",
          "allowed",
          "qr_code_missing",
          "qr_code_unknown",
          "qr_code_not_yet_valid",
          "qr_code_expired",
          "user_not_found",
        ]),
      );
      const allowed = items.find((e) => e.details.result === "allowed");
      expect(allowed).toMatchObject({
        action: "qr.resolved",
        user_id: member.id,
        device_id: laser.id,
      });
    });
  });
});

describe("QR abuse limits", () => {
  let server: TestServer;
  let admin: string;
  let key: string;

  async function call<T = unknown>(
    path: string,
    init: { token?: string; body?: unknown; ip?: string } = {},
  ) {
    const res = await fetch(`${server.baseUrl}/rest/v1${path}`, {
      method: init.body === undefined ? "GET" : "POST",
      headers: {
        "content-type": "application/json",
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.ip ? { "x-forwarded-for": init.ip } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return {
      status: res.status,
      body: (await res.json()) as T,
      retryAfter: res.headers.get("retry-after"),
    };
  }

  beforeAll(async () => {
    server = await startTestServer({
      QR_RESOLVE_FAILS_PER_MINUTE: "3",
      QR_KEYLESS_RESOLVES_PER_IP_PER_MINUTE: "2",
      TRUST_PROXY: "1",
    });
    admin = (await call<AuthResult>("/auth/register", { body: newUser({}, "owner") })).body.token
      .access_token;
    key = (
      await call<{ api_key: string }>("/devices", {
        token: admin,
        body: { name: "Terminal", slug: "terminal" },
      })
    ).body.api_key;
  });
  afterAll(() => server.close());

  test("guessing codes from one device is paused after QR_RESOLVE_FAILS_PER_MINUTE unknown codes", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        (await call("/qr/resolve", { token: key, body: { code: `${"B".repeat(21)}${i}` } })).status,
      );
    // The limit is 3: three unknown codes are answered, the fourth scan waits.
    expect(statuses).toEqual([404, 404, 404, 429, 429]);
    const limited = await call<Problem>("/qr/resolve", { token: key, body: { code: unknownCode } });
    expect(limited.body.code).toBe("rate_limited");
    expect(Number(limited.retryAfter)).toBeGreaterThan(0);
  });

  test("malformed codes count towards the pause like unknown ones", async () => {
    const other = (
      await call<{ api_key: string }>("/devices", {
        token: admin,
        body: { name: "Other terminal", slug: "other-terminal" },
      })
    ).body.api_key;
    const answers: Array<[number, string]> = [];
    for (const code of ["short", "not a kabinet code at all", "B".repeat(21), unknownCode]) {
      const res = await call<Problem>("/qr/resolve", { token: other, body: { code } });
      answers.push([res.status, res.body.code]);
    }
    expect(answers).toEqual([
      [404, "qr_code_unknown"],
      [404, "qr_code_unknown"],
      [404, "qr_code_unknown"],
      [429, "rate_limited"],
    ]);
  });

  test("keyless scans are limited per address", async () => {
    await call("/settings", { token: admin, body: undefined });
    const res = await fetch(`${server.baseUrl}/rest/v1/settings`, {
      method: "PATCH",
      headers: { "content-type": "application/json", authorization: `Bearer ${admin}` },
      body: JSON.stringify({ qr_keyless_resolve: true }),
    });
    expect(res.status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push(
        (await call("/qr/resolve", { ip: "203.0.113.7", body: { code: unknownCode } })).status,
      );
    expect(statuses).toEqual([404, 404, 429]);
    expect(
      (await call("/qr/resolve", { ip: "203.0.113.8", body: { code: unknownCode } })).status,
    ).toBe(404);
  });
});
