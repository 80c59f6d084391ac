import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

import { experimental_lazy, initTRPC } from "@trpc/server";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import type { AuthResult } from "@kabinet/contracts";

import { buildTrpcRouter } from "../src/http/trpc-app.ts";
import {
  createJsonCallHandler,
  isPlainJsonCall,
  routerInternals,
} from "../src/http/trpc-json-handler.ts";
import { trpcHandlerOptions } from "../src/http/trpc.ts";
import { newUser, rest, startTestServer, type TestServer } from "./helpers.ts";

/**
 * The lean handler for plain JSON calls must answer exactly as tRPC's own node handler does:
 * same status, same media type, same body. Both run side by side over one API and database.
 */
let server: TestServer;
let lean: Server;
let official: Server;
let token: string;

async function listen(listener: RequestListener): Promise<Server> {
  const http = createServer(listener);
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  return http;
}

const urlOf = (http: Server) => `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

beforeAll(async () => {
  server = await startTestServer();
  const signUp = await rest(server)<AuthResult>("POST", "/auth/register", {
    body: newUser({}, "diff_admin"),
  });
  token = signUp.body.token.access_token;
  const options = trpcHandlerOptions(buildTrpcRouter(server.app.services), server.app.services);
  const plain = createJsonCallHandler(options);
  // No fallback here: a request the lean handler declines is a failed comparison.
  lean = await listen((req: IncomingMessage, res: ServerResponse) => {
    if (!isPlainJsonCall(req) || !plain(req, res)) res.writeHead(599).end("declined");
  });
  official = await listen(createHTTPHandler(options));
});

afterAll(async () => {
  lean?.close();
  official?.close();
  await server?.close();
});

interface Case {
  name: string;
  path: string;
  method?: "GET" | "POST";
  body?: string;
  headers?: Record<string, string>;
  anonymous?: boolean;
  /** tRPC's handler labels this JSON error `text/plain` (it fails before it sets a type); ours says JSON. */
  labelledJson?: boolean;
}

const input = (value: unknown) => encodeURIComponent(JSON.stringify(value));

const cases: Case[] = [
  { name: "a query with its input", path: `/me.get?input=${input({})}` },
  { name: "a query without input", path: "/me.get" },
  {
    name: "a query refused for want of a token",
    path: `/me.get?input=${input({})}`,
    anonymous: true,
  },
  {
    name: "a batch of queries",
    path: `/me.get,me.sessions?batch=1&input=${input({ 0: {}, 1: {} })}`,
  },
  {
    name: "a batch with one refusal (207)",
    path: `/me.get,users.get?batch=1&input=${input({ 0: {}, 1: { id: 999_999 } })}`,
  },
  { name: "a batch whose input is not an object", path: `/me.get?batch=1&input=${input([{}])}` },
  {
    name: "a batch mixing queries and mutations",
    path: "/me.get,auth.logout?batch=1",
    method: "POST",
    body: "{}",
    labelledJson: true,
  },
  { name: "an unknown procedure", path: "/nothing.here" },
  {
    name: "an unknown procedure in a batch",
    path: `/me.get,nothing.here?batch=1&input=${input({ 0: {} })}`,
  },
  { name: "an inherited property name", path: "/constructor" },
  { name: "a mutation over GET", path: "/auth.logout" },
  { name: "a query over POST", path: "/me.get", method: "POST", body: "{}" },
  { name: "malformed JSON in the query string", path: "/me.get?input=%7Bnope" },
  { name: "malformed JSON in the body", path: "/auth.logout", method: "POST", body: "{nope" },
  { name: "an empty body", path: "/auth.logout", method: "POST", body: "" },
  {
    name: "a body with a byte order mark",
    path: "/auth.logout",
    method: "POST",
    body: `\uFEFF${JSON.stringify({ refresh_token: "x" })}`,
  },
  {
    name: "invalid input",
    path: "/auth.login",
    method: "POST",
    body: JSON.stringify({ login: 5 }),
    anonymous: true,
  },
  {
    name: "a successful mutation",
    path: "/auth.logout",
    method: "POST",
    body: JSON.stringify({ refresh_token: "not-a-token" }),
  },
  {
    name: "a batch of mutations",
    path: "/me.update,me.update?batch=1",
    method: "POST",
    body: JSON.stringify({ 0: {}, 1: {} }),
  },
  {
    name: "calls that must be sent alone, in a batch",
    path: "/auth.logout,auth.logout?batch=1",
    method: "POST",
    body: JSON.stringify({ 0: { refresh_token: "a" }, 1: {} }),
  },
  {
    name: "a batch over the cap",
    path: `/${Array(11).fill("me.get").join(",")}?batch=1&input=${input({})}`,
    labelledJson: true,
  },
  {
    name: "a batch over the cap, with commas escaped",
    path: `/${Array(11).fill("me.get").join("%2C")}?batch=1&input=${input({})}`,
    labelledJson: true,
  },
  {
    name: "a body over the limit",
    path: "/auth.logout",
    method: "POST",
    body: JSON.stringify({ refresh_token: "x".repeat(1_100_000) }),
  },
  { name: "a path with a broken escape", path: "/me.get%E0%A4%A", labelledJson: true },
  { name: "a stream-like output in a plain call", path: `/logs.export?input=${input({})}` },
  {
    name: "a stream-like output in a plain batch",
    path: `/logs.export,me.get?batch=1&input=${input({ 0: {}, 1: {} })}`,
  },
];

async function call(base: Server, c: Case) {
  const headers: Record<string, string> = { ...c.headers };
  if (!c.anonymous) headers.authorization = `Bearer ${token}`;
  if (c.method === "POST") headers["content-type"] ??= "application/json";
  const res = await fetch(`${urlOf(base)}/trpc${c.path}`, {
    method: c.method ?? "GET",
    headers,
    body: c.body,
  });
  return {
    status: res.status,
    type: res.headers.get("content-type"),
    vary: res.headers.get("vary"),
    body: await res.json(),
  };
}

describe("the lean tRPC handler answers as tRPC's own handler does", () => {
  test.each(cases)("$name", async (c) => {
    const ours = await call(lean, c);
    const theirs = await call(official, c);
    if (c.labelledJson) {
      expect(theirs.type).toMatch(/^text\/plain/);
      expect(ours.type).toBe("application/json");
      expect({ ...ours, type: theirs.type }).toEqual(theirs);
    } else expect(ours).toEqual(theirs);
  });

  test("the cases cover successes, partial successes and failures", async () => {
    const statuses = new Set<number>();
    for (const c of cases) statuses.add((await call(lean, c)).status);
    expect([...statuses].sort()).toEqual(
      expect.arrayContaining([200, 207, 400, 401, 404, 405, 413, 415]),
    );
  });
});

describe("what the lean handler leaves to tRPC's own", () => {
  const request = (method: string, headers: Record<string, string>) =>
    ({ method, headers }) as IncomingMessage;

  test("streamed batches, other media types and HEAD", () => {
    expect(isPlainJsonCall(request("GET", { "trpc-accept": "application/jsonl" }))).toBe(false);
    expect(isPlainJsonCall(request("GET", { accept: "text/html, application/jsonl" }))).toBe(false);
    expect(
      isPlainJsonCall(request("POST", { "content-type": "multipart/form-data; boundary=x" })),
    ).toBe(false);
    expect(isPlainJsonCall(request("POST", { "content-type": "text/plain" }))).toBe(false);
    expect(isPlainJsonCall(request("HEAD", {}))).toBe(false);
  });

  test("plain GET and JSON POST calls", () => {
    expect(isPlainJsonCall(request("GET", {}))).toBe(true);
    expect(isPlainJsonCall(request("GET", { accept: "application/json" }))).toBe(true);
    expect(
      isPlainJsonCall(request("POST", { "content-type": "Application/JSON; charset=utf-8" })),
    ).toBe(true);
  });
});

describe("what the lean handler reads from a tRPC router's private definition", () => {
  test("procedures by dotted path with their types, and the root config", () => {
    const internals = routerInternals(buildTrpcRouter(server.app.services));
    expect(internals.procedureTypeAt("me.get")).toBe("query");
    expect(internals.procedureTypeAt("auth.login")).toBe("mutation");
    for (const path of ["me", "nothing.here", "constructor", "__proto__", "toString"])
      expect(internals.procedureTypeAt(path), path).toBeUndefined();
    expect(internals.hasLazyRouters()).toBe(false);
    const { config } = internals;
    expect(config.transformer.input.deserialize({ a: 1 })).toEqual({ a: 1 });
    expect(config.transformer.output.serialize({ a: 1 })).toEqual({ a: 1 });
    expect(typeof config.errorFormatter).toBe("function");
  });

  test("subscriptions and lazily loaded routers are told apart", async () => {
    const t = initTRPC.create();
    const later = t.router({ ping: t.procedure.query(() => "pong") });
    const router = t.router({
      events: t.router({ live: t.procedure.subscription(async function* () {}) }),
      later: experimental_lazy(() => Promise.resolve(later)),
    });
    const internals = routerInternals(router);
    expect(internals.procedureTypeAt("events.live")).toBe("subscription");
    expect(internals.procedureTypeAt("later.ping")).toBeUndefined();
    expect(internals.hasLazyRouters()).toBe(true);
    // Once loaded (by tRPC's own lookup), the lazy router's procedures are in the flat table.
    await t.createCallerFactory(router)({}).later.ping();
    expect(internals.procedureTypeAt("later.ping")).toBe("query");
  });
});

describe("with FAST_TRPC_JSON=false", () => {
  let stock: TestServer;
  beforeAll(async () => {
    stock = await startTestServer({ FAST_TRPC_JSON: "false" });
  });
  afterAll(() => stock?.close());

  test("every call goes to tRPC's own handler, with the same answers", async () => {
    const body = newUser({}, "stock_trpc");
    const registered = await fetch(`${stock.baseUrl}/trpc/auth.register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(registered.status).toBe(200);
    const { result } = (await registered.json()) as {
      result: { data: { token: { access_token: string } } };
    };
    const headers = { authorization: `Bearer ${result.data.token.access_token}` };
    const batch = await fetch(
      `${stock.baseUrl}/trpc/me.get,me.sessions?batch=1&input=${input({ 0: {}, 1: {} })}`,
      { headers },
    );
    expect(batch.status).toBe(200);
    const [me] = (await batch.json()) as Array<{ result: { data: { login: string } } }>;
    expect(me!.result.data.login).toBe(body.login);
    // tRPC's own handler labels this failure text/plain; the lean one would say JSON.
    const broken = await fetch(`${stock.baseUrl}/trpc/me.get%E0%A4%A`, { headers });
    expect(broken.status).toBe(400);
    expect(broken.headers.get("content-type")).toMatch(/^text\/plain/);
  });
});
