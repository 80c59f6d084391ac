import { gzipSync } from "node:zlib";

import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import {
  inputSplit,
  legacyApis,
  listOperations,
  operations,
  pathParamNames,
  type AuthResult,
  type LegacyRoute,
  type Operation,
} from "@kabinet/contracts";

import { newUser, rest, startTestServer, type TestServer } from "./helpers.ts";
import { queryValue } from "./surfaces.ts";
import { arbitraryOf } from "./zod-arbitrary.ts";

/**
 * Every operation, over both surfaces, as an anonymous caller and as a signed-in admin, with
 * inputs drawn from its own input schema: valid ones, valid ones with one part made hostile,
 * and hostile values outright (NUL, lone surrogates, overlong strings, wrong types, deep
 * nesting, huge numbers, arrays for objects). Then raw requests no client library would send.
 * Whatever comes in, the answer is the operation's output or a 4xx problem: never a 5xx, never
 * a stack trace or a database message. Loopback only; the count of requests is fixed.
 *
 * Runs are reproducible: FUZZ_SEED=<n> replays a run (fast-check prints the seed and the
 * failing input when a property fails).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 424242);
const RUNS = Number(process.env.FUZZ_RUNS ?? 8);
/**
 * Time one property (an operation, a surface, a caller) may take, in milliseconds: past it the
 * property stops and passes with the runs it made. A bound for a starved machine; an idle one
 * makes all its runs in a fraction of it.
 */
const PROPERTY_MS = Number(process.env.FUZZ_PROPERTY_MS ?? 1500);

/** What must never reach a client: stack frames, module paths, database errors. */
const LEAKS =
  /\n\s+at\s|node_modules|\.ts:\d+|"stack"|PostgresError|SQLSTATE|syntax error at|relation "|violates .*constraint|invalid input syntax|invalid byte sequence|drizzle|pglite/i;

const nested = (depth: number, leaf: unknown = 1): unknown => {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 ? { a: value } : [value];
  return value;
};

const hostileStrings = [
  "\u0000",
  "a\u0000b",
  "\uD800",
  "x\uDFFFy",
  "\uDBFF\uDBFF",
  "\u202Eevil",
  "\uFEFF",
  "𝕏".repeat(400),
  "x".repeat(70_000),
  "'; DROP TABLE users; --",
  "%00%ff%",
  "../../../../etc/passwd",
  "${7*7}{{7*7}}",
  "<svg onload=alert(1)>",
  "a\r\nSet-Cookie: x=1",
  " ",
  "",
  "__proto__",
  "1e309",
  "9007199254740993",
  "-2147483649",
];

const hostileValues: unknown[] = [
  ...hostileStrings,
  -1,
  0,
  1.5,
  2 ** 31,
  2 ** 53 + 2,
  1e308,
  -1e308,
  5e-324,
  true,
  null,
  [],
  {},
  ["a", 1, null],
  JSON.parse('{"__proto__": {"admin": true}, "constructor": {"prototype": {"x": 1}}}'),
  nested(64),
  nested(2000),
  Array.from({ length: 1500 }, (_, i) => i),
];

const hostile = fc.constantFrom(...hostileValues);

/** A valid input with one part made hostile: a field replaced, added or removed. */
function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .tuple(valid, hostile, fc.nat(), fc.constantFrom("replace", "add", "remove", "wrap"))
    .map(([value, bad, pick, how]) => {
      if (value === null || typeof value !== "object" || Array.isArray(value)) return bad;
      const copy: Record<string, unknown> = { ...value };
      const keys = Object.keys(copy);
      const key = keys.length ? keys[pick % keys.length]! : "field";
      if (how === "replace") copy[key] = bad;
      else if (how === "add") copy[`x_${pick % 7}`] = bad;
      else if (how === "remove") delete copy[key];
      else return [copy];
      return copy;
    });
}

function inputs(op: Operation): fc.Arbitrary<unknown> {
  const valid = arbitraryOf(op.input);
  return fc.oneof(
    { weight: 3, arbitrary: valid },
    { weight: 3, arbitrary: mutated(valid) },
    { weight: 1, arbitrary: hostile },
  );
}

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

async function fetchAnswer(url: string, init: RequestInit): Promise<Answer> {
  const res = await fetch(url, { ...init, redirect: "manual" });
  return {
    status: res.status,
    contentType: res.headers.get("content-type") ?? "",
    text: await res.text(),
  };
}

/** A URL carries UTF-8: a lone surrogate travels as U+FFFD, as any client would send it. */
const wellFormed = (text: string) =>
  text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");

/** The REST request a third party would build from the operation's method and path. */
function restRequest(op: Operation, input: unknown, token: string | undefined) {
  const fields: Record<string, unknown> =
    input !== null && typeof input === "object" && !Array.isArray(input) ? { ...input } : {};
  let path = op.path;
  for (const name of pathParamNames(op.path)) {
    const value = wellFormed(queryValue(fields[name] ?? "x"));
    path = path.replace(`:${name}`, encodeURIComponent(value));
    delete fields[name];
  }
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (inputSplit(op).rest === "query") {
    const query = new URLSearchParams(
      Object.entries(fields)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]): [string, string] => [k, queryValue(v)]),
    ).toString();
    return { path: query ? `${path}?${query}` : path, init: { method: op.method, headers } };
  }
  const body = JSON.stringify(input === undefined ? {} : fields === input ? fields : input);
  return {
    path,
    init: { method: op.method, headers: { ...headers, "content-type": "application/json" }, body },
  };
}

/** The tRPC request tRPC's own client sends: a query as GET, a mutation as a JSON POST. */
function trpcRequest(id: string, op: Operation, input: unknown, token: string | undefined) {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const json = input === undefined ? undefined : JSON.stringify(input);
  if (op.method === "GET") {
    const query = json === undefined ? "" : `?input=${encodeURIComponent(json)}`;
    return { path: `/trpc/${id}${query}`, init: { method: "GET", headers } };
  }
  return {
    path: `/trpc/${id}`,
    init: {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      ...(json === undefined ? {} : { body: json }),
    },
  };
}

/** No 5xx; a failure is a problem in the surface's shape, and nothing leaks. */
function expectSafe(surface: "rest" | "trpc", answer: Answer, what: string) {
  expect(answer.status, `${what} → ${answer.text.slice(0, 300)}`).toBeLessThan(500);
  if (answer.status >= 400) {
    expect(answer.text, what).not.toMatch(LEAKS);
    const body = JSON.parse(answer.text) as Record<string, unknown>;
    if (answer.status === 431) {
      // Refused by node:http before any surface saw it, as a plain problem.
      expect(body, what).toMatchObject({ code: "headers_too_large" });
    } else if (surface === "rest") {
      expect(answer.contentType, what).toMatch(/^application\/problem\+json/);
      expect(body, what).toMatchObject({
        status: answer.status,
        code: expect.any(String),
        detail: expect.any(String),
      });
    } else {
      const error = body.error as { data?: { problem?: unknown; httpStatus?: unknown } };
      expect(error?.data?.problem, what).toEqual(expect.any(String));
    }
  }
}

let server: TestServer;
/** Callers: nobody, and an admin (not the super, so no call can end or demote the caller). */
const callers: Record<"anonymous" | "admin", () => string | undefined> = {
  anonymous: () => undefined,
  admin: () => adminToken,
};
let adminToken: string;
let admin: { login: string; password: string };

/** The admin signs in again if a fuzzed call ended its session. */
async function refreshAdmin() {
  const res = await rest(server)<AuthResult>("POST", "/auth/login", { body: admin });
  if (res.status === 200) adminToken = res.body.token.access_token;
}

beforeAll(async () => {
  server = await startTestServer();
  const call = rest(server);
  const owner = await call<AuthResult>("POST", "/auth/register", { body: newUser({}, "owner") });
  admin = { login: `admin_${Date.now().toString(36)}`, password: "violet-lantern-92-harbor" };
  await call("POST", "/users", {
    token: owner.body.token.access_token,
    body: { ...newUser({}, "x"), ...admin, role: "admin" },
  });
  await refreshAdmin();
  fc.configureGlobal({ seed: SEED });
});
afterAll(() => server.close());

const all = listOperations(operations);

describe.each(["rest", "trpc"] as const)("fuzzing every operation over %s", (surface) => {
  for (const [group, name, op] of all) {
    const id = `${group}.${name}`;
    test(`${id}: generated and mutated inputs never answer 5xx or leak`, async () => {
      for (const [who, token] of Object.entries(callers)) {
        await fc.assert(
          fc.asyncProperty(inputs(op), async (input) => {
            const { path, init } =
              surface === "rest"
                ? restRequest(op, input, token())
                : trpcRequest(id, op, input, token());
            const base = surface === "rest" ? `${server.baseUrl}/rest/v1` : server.baseUrl;
            const answer = await fetchAnswer(`${base}${path}`, init);
            expectSafe(surface, answer, `${who} ${init.method} ${path.slice(0, 200)}`);
            if (answer.status === 401 && who === "admin") await refreshAdmin();
          }),
          {
            numRuns: RUNS,
            seed: SEED,
            interruptAfterTimeLimit: PROPERTY_MS,
            markInterruptAsFailure: false,
          },
        );
      }
    });
  }
});

/** Bodies no client library would send, made once. */
const rawBodies: Array<[Record<string, string>, string | Buffer]> = [
  [{}, "[".repeat(100_000) + "]".repeat(100_000)],
  [{}, Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])],
  [{}, '{"a":1,"a":2,"__proto__":{"polluted":1}}'],
  [{}, "1e999999"],
  [{ "content-type": "application/json; charset=utf-16" }, "{}"],
  [{ "content-type": "text/plain" }, '{"login":"x"}'],
  [{ "content-encoding": "gzip" }, gzipSync(Buffer.alloc(2 * 1024 * 1024, 32))],
  [{ "content-encoding": "gzip, gzip" }, gzipSync(gzipSync("{}"))],
];

/**
 * Requests no client library would send, to every operation on both surfaces: broken path
 * parameters and query strings from anyone; broken bodies and tRPC inputs from the admin,
 * who gets furthest past them.
 */
function rawRequests(id: string, op: Operation, who: keyof typeof callers) {
  const token = callers[who]();
  const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const json = { ...auth, "content-type": "application/json" };
  const params = pathParamNames(op.path);
  const restPath = (value: string) => params.reduce((p, n) => p.replace(`:${n}`, value), op.path);
  const base = `/rest/v1${restPath("1")}`;
  const requests: Array<[string, RequestInit]> = [];
  if (params.length)
    for (const value of ["%", "%E0%A4%A", "..", "9".repeat(400), "1e3", "0x1F", "%00"])
      requests.push([`/rest/v1${restPath(value)}`, { method: op.method, headers: auth }]);
  for (const query of ["%00=1", "limit=1&limit=2", "q[a]=1", "%", "cursor=%FF%FE"])
    requests.push([`${base}?${query}`, { method: op.method, headers: auth }]);
  if (who === "anonymous") return requests;
  // Bodies to reads are refused before any operation is chosen: once for all, below.
  for (const [extra, body] of op.method === "GET" ? [] : rawBodies) {
    const headers = { ...json, ...extra };
    requests.push([base, { method: op.method === "GET" ? "POST" : op.method, headers, body }]);
    requests.push([`/trpc/${id}`, { method: "POST", headers, body }]);
  }
  for (const input of ["%", "{", '"\\ud800"', "[".repeat(5000), encodeURIComponent('{"0":1}')])
    requests.push([`/trpc/${id}?input=${input}`, { method: "GET", headers: auth }]);
  requests.push([`/trpc/${id},${id},${id}?batch=1&input=%7B%7D`, { method: "GET", headers: auth }]);
  return requests;
}

describe("raw hostile requests", () => {
  test("bodies sent to reads are refused before any operation is chosen", async () => {
    const headers = { authorization: `Bearer ${adminToken}`, "content-type": "application/json" };
    for (const path of ["/rest/v1/me", "/rest/v1/users", "/trpc/me.get", "/trpc/users.list"])
      for (const [extra, body] of rawBodies) {
        const answer = await fetchAnswer(`${server.baseUrl}${path}`, {
          method: "POST",
          headers: { ...headers, ...extra },
          body,
        });
        expectSafe(path.startsWith("/trpc/") ? "trpc" : "rest", answer, `POST ${path}`);
      }
  });

  for (const [group, name, op] of all) {
    const id = `${group}.${name}`;
    test(`${id}: malformed URLs, bodies and encodings are 4xx problems`, async () => {
      for (const who of ["anonymous", "admin"] as const) {
        for (const [path, init] of rawRequests(id, op, who)) {
          const answer = await fetchAnswer(`${server.baseUrl}${path}`, init);
          const surface = path.startsWith("/trpc/") ? "trpc" : "rest";
          // tRPC answers a bare error object, or an array of them for a batch.
          if (surface === "trpc" && answer.text.startsWith("[")) {
            expect(answer.status).toBeLessThan(500);
            expect(answer.text).not.toMatch(LEAKS);
            continue;
          }
          expectSafe(surface, answer, `${who} ${init.method} ${path.slice(0, 120)}`);
        }
      }
    });
  }
});

/**
 * The older APIs' routes, as their clients would call them (the query string, a JSON body or a
 * form), with inputs drawn from each route's own input schema, mutated and hostile. Each API
 * answers in its own envelope: JSON, never a 5xx, nothing leaked.
 */
function legacyRequest(
  route: LegacyRoute,
  input: unknown,
  token: string | undefined,
  form: boolean,
) {
  const fields: Record<string, unknown> =
    input !== null && typeof input === "object" && !Array.isArray(input) ? { ...input } : {};
  let path = route.path;
  for (const name of pathParamNames(route.path)) {
    path = path.replace(
      `:${name}`,
      encodeURIComponent(wellFormed(queryValue(fields[name] ?? "x"))),
    );
    delete fields[name];
  }
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const encoded = () =>
    new URLSearchParams(
      Object.entries(fields)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]): [string, string] => [k, wellFormed(queryValue(v))]),
    ).toString();
  if (route.encoding === "query") {
    const query = encoded();
    return { path: query ? `${path}?${query}` : path, init: { method: route.method, headers } };
  }
  if (form && route.encoding === "json-or-form")
    return {
      path,
      init: {
        method: route.method,
        headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
        body: encoded(),
      },
    };
  return {
    path,
    init: {
      method: route.method,
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify(input === undefined ? {} : input),
    },
  };
}

function expectLegacySafe(answer: Answer, what: string) {
  expect(answer.status, `${what} → ${answer.text.slice(0, 300)}`).toBeLessThan(500);
  expect(answer.text, what).not.toMatch(LEAKS);
  if (answer.status !== 431) expect(answer.contentType, what).toMatch(/^application\/json/);
}

describe("fuzzing every route of the older APIs", () => {
  for (const api of legacyApis)
    for (const [name, route] of Object.entries(api.routes)) {
      const what = `${api.name} ${name} (${route.method} ${route.path})`;
      test(`${what}: generated, mutated and raw inputs never answer 5xx or leak`, async () => {
        const valid = arbitraryOf(route.input);
        const generated = fc.oneof(
          { weight: 3, arbitrary: valid },
          { weight: 3, arbitrary: mutated(valid) },
          { weight: 1, arbitrary: hostile },
        );
        for (const [who, token] of Object.entries(callers)) {
          await fc.assert(
            fc.asyncProperty(generated, fc.boolean(), async (input, form) => {
              const { path, init } = legacyRequest(route, input, token(), form);
              const answer = await fetchAnswer(`${server.baseUrl}${path}`, init);
              expectLegacySafe(answer, `${who} ${init.method} ${path.slice(0, 200)}`);
              if (answer.status === 401 && who === "admin") await refreshAdmin();
            }),
            {
              numRuns: RUNS,
              seed: SEED,
              interruptAfterTimeLimit: PROPERTY_MS,
              markInterruptAsFailure: false,
            },
          );
        }
        const base = route.path.replace(/:([a-zA-Z_]+)/g, "1");
        const raw: Array<[string, RequestInit]> = [
          [`${base}?%`, { method: route.method }],
          [`${base}?code=%00&code=2`, { method: route.method }],
          [`${route.path.replace(/:([a-zA-Z_]+)/g, "%E0%A4%A")}`, { method: route.method }],
        ];
        if (route.method === "POST")
          for (const [extra, body] of rawBodies)
            raw.push([
              base,
              {
                method: "POST",
                headers: {
                  authorization: `Bearer ${adminToken}`,
                  "content-type": "application/json",
                  ...extra,
                },
                body,
              },
            ]);
        for (const [path, init] of raw)
          expectLegacySafe(
            await fetchAnswer(`${server.baseUrl}${path}`, init),
            `${init.method} ${path}`,
          );
      });
    }
});
