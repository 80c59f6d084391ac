import { afterAll, beforeAll, describe, expect, test } from "vitest";

import type { AuthResult, Group, Problem } from "@kabinet/contracts";
import { sql } from "@kabinet/db";

import { newUser, rest, startTestServer, type TestServer } from "./helpers.ts";

/** A tRPC failure as it travels: the contract's problem code in the error's data. */
interface TrpcFailure {
  error: { data: { problem: string } };
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

function expectProblemShape(
  res: { status: number; headers: Headers; body: unknown },
  status: number,
  code: string,
) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({
    status,
    code,
    type: `urn:kabinet:problem:${code}`,
    title: expect.any(String),
  });
}

describe("every REST failure is an RFC 9457 problem", () => {
  test("malformed JSON", async () => {
    const res = await rest(server)("POST", "/auth/login", {
      raw: '{"login": "x",',
      headers: { "content-type": "application/json" },
    });
    expectProblemShape(res, 400, "malformed_json");
  });

  test("a JSON body over 1 MiB", async () => {
    const res = await rest(server)("POST", "/auth/login", {
      body: { login: "a", password: "x".repeat(1024 * 1024 + 10) },
    });
    expectProblemShape(res, 413, "payload_too_large");
  });

  test("unknown routes and methods", async () => {
    expectProblemShape(await rest(server)("GET", "/no-such-thing"), 404, "not_found");
    const wrongMethod = await rest(server)("PUT", "/me");
    expectProblemShape(wrongMethod, 405, "method_not_allowed");
    expect(wrongMethod.headers.get("allow")).toBe("GET, PATCH, HEAD");
    const outside = await fetch(`${server.baseUrl}/nowhere`);
    expect(outside.status).toBe(404);
    expect(((await outside.json()) as { code: string }).code).toBe("not_found");
  });

  test("a request line or headers too large for the server", async () => {
    const res = await fetch(`${server.baseUrl}/rest/v1/me?q=${"x".repeat(20_000)}`);
    expect(res.status).toBe(431);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.json()).toMatchObject({ status: 431, code: "headers_too_large" });
  });

  test("validation problems list the fields", async () => {
    const res = await rest(server)<Problem>("POST", "/auth/register", { body: { login: "ab" } });
    expectProblemShape(res, 400, "validation_failed");
    expect(res.body.errors!.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(["login", "email", "password", "first_name", "last_name"]),
    );
  });

  test("a body that is not an object", async () => {
    const res = await rest(server)("POST", "/auth/register", { body: [1, 2, 3] });
    expectProblemShape(res, 400, "validation_failed");
  });

  test("a query parameter of the wrong type on a path param", async () => {
    const reg = await rest(server)<AuthResult>("POST", "/auth/register", { body: newUser() });
    const res = await rest(server)<Problem>("DELETE", "/me/sessions/not-a-uuid", {
      token: reg.body.token.access_token,
    });
    expectProblemShape(res, 400, "validation_failed");
    expect(res.body.errors?.[0]?.field).toBe("id");
  });

  test("an Authorization header that is not a bearer token", async () => {
    const res = await rest(server)("GET", "/me", {
      headers: { authorization: "Basic dXNlcjpwYXNz" },
    });
    expectProblemShape(res, 401, "invalid_token");
  });
});

describe("internal faults", () => {
  test("answer 500 without stack or SQL, and /ready reports the database down", async () => {
    const broken = await startTestServer();
    const reg = await rest(broken)<AuthResult>("POST", "/auth/register", { body: newUser() });
    // A fault of the server's own: a database that is merely unreachable is a 503 instead.
    await broken.database.db.execute(sql`drop table sessions cascade`);
    const res = await rest(broken)("GET", "/me", { token: reg.body.token.access_token });
    expectProblemShape(res, 500, "internal_error");
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/select|from|at .*\.ts|stack/i);
    await broken.database.close();
    const ready = await fetch(`${broken.baseUrl}/ready`);
    expect(ready.status).toBe(503);
    const health = await fetch(`${broken.baseUrl}/health`);
    expect(health.status).toBe(200);
    await broken.close();
  });
});

describe("server basics", () => {
  test("health, readiness, security headers", async () => {
    const ready = await fetch(`${server.baseUrl}/ready`);
    expect(await ready.json()).toMatchObject({ status: "ready" });
    const res = await fetch(`${server.baseUrl}/health`);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-powered-by")).toBeNull();
  });

  test("API answers carry the API headers on every surface; the site carries helmet's", async () => {
    const { token } = (
      await rest(server)<AuthResult>("POST", "/auth/register", { body: newUser({}, "headers") })
    ).body;
    const auth = { authorization: `Bearer ${token.access_token}` };
    const apiAnswers = [
      await fetch(`${server.baseUrl}/rest/v1/me`, { headers: auth }),
      await fetch(`${server.baseUrl}/rest/v1/me`),
      await fetch(`${server.baseUrl}/rest/v1/no-such-thing`),
      await fetch(`${server.baseUrl}/rest/v1/openapi.json`),
      await fetch(`${server.baseUrl}/trpc/me.get?input=${encodeURIComponent("{}")}`, {
        headers: auth,
      }),
      await fetch(
        `${server.baseUrl}/trpc/me.get,me.sessions?batch=1&input=${encodeURIComponent('{"0":{},"1":{}}')}`,
        {
          // A streamed batch: answered by tRPC's own handler rather than the plain-call one.
          headers: { ...auth, "trpc-accept": "application/jsonl" },
        },
      ),
    ];
    expect(apiAnswers.map((res) => res.status)).toEqual([200, 401, 404, 200, 200, 200]);
    for (const res of apiAnswers) {
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.headers.get("content-security-policy")).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("etag")).toBeNull();
      expect(res.headers.get("x-powered-by")).toBeNull();
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
    }
    const page = await fetch(`${server.baseUrl}/health`);
    expect(page.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(page.headers.get("cache-control")).toBeNull();
  });

  test("CORS is closed to origins that are not configured", async () => {
    const res = await fetch(`${server.baseUrl}/rest/v1/me`, {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "GET" },
    });
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });

  test("CORS answers configured origins", async () => {
    const open = await startTestServer({ CORS_ORIGINS: "https://app.example.org" });
    try {
      const res = await fetch(`${open.baseUrl}/rest/v1/me`, {
        method: "OPTIONS",
        headers: { origin: "https://app.example.org", "access-control-request-method": "GET" },
      });
      expect(res.headers.get("access-control-allow-origin")).toBe("https://app.example.org");
    } finally {
      await open.close();
    }
  });

  test("serves the OpenAPI document and the docs page", async () => {
    const spec = (await (await fetch(`${server.baseUrl}/rest/v1/openapi.json`)).json()) as {
      openapi: string;
    };
    expect(spec.openapi).toBe("3.1.0");
    const docs = await fetch(`${server.baseUrl}/docs/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain("swagger-ui");
  });
});

describe("tRPC maps the same codes", () => {
  test("unknown procedure, oversized body, malformed input", async () => {
    const unknown = await fetch(`${server.baseUrl}/trpc/nope.nothing`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as TrpcFailure).error.data.problem).toBe("not_found");

    const big = await fetch(`${server.baseUrl}/trpc/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ login: "a", password: "x".repeat(1024 * 1024 + 10) }),
    });
    expect(big.status).toBe(413);
    expect(((await big.json()) as TrpcFailure).error.data.problem).toBe("payload_too_large");

    const bad = await fetch(`${server.baseUrl}/trpc/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{oops",
    });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as TrpcFailure;
    expect(body.error.data.problem).toBe("malformed_json");
    expect(JSON.stringify(body)).not.toMatch(/stack|at .*\.ts/);
  });
});

describe("request bodies", () => {
  let own: TestServer;
  beforeAll(async () => {
    own = await startTestServer();
  });
  afterAll(() => own.close());

  test("may be left out when none of their fields is required", async () => {
    // A server of its own: its first account is the super administrator.
    const call = rest(own);
    const owner = await call<AuthResult>("POST", "/auth/register", { body: newUser() });
    const token = owner.body.token.access_token;
    const group = await call<Group>("POST", "/groups", { token, body: { name: "Bodiless" } });
    const added = await call("PUT", `/groups/${group.body.id}/members/${owner.body.user.id}`, {
      token,
    });
    expect(added.status).toBe(200);
    const missing = await call<Problem>("POST", "/groups", { token });
    expectProblemShape(missing, 400, "validation_failed");
    expect(missing.body.errors!.map((e: { field: string }) => e.field)).toEqual(["name"]);
  });
});
