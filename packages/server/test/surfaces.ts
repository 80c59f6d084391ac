import { TRPCClientError } from "@trpc/client";
import { expect } from "vitest";

import {
  operations,
  pathParamNames,
  type Operation,
  type Operations,
  type OutputOf,
} from "@kabinet/contracts";

import { trpc, type TestServer } from "./helpers.ts";

/** How a call ended: the operation's output, or the problem with its code and fields. */
export type Outcome<T = unknown> =
  | { ok: true; status: number; data: T }
  | {
      ok: false;
      status: number;
      code: string;
      errors?: Array<{ field: string; message: string; code?: string }>;
      retryAfter?: number;
      /** The answer as it came: the problem body (REST) or the client's error (tRPC). */
      raw: unknown;
    };

type Group = keyof Operations;
type Name<G extends Group> = keyof Operations[G] & string;
/** What an operation answers, as the contract declares it. */
export type Output<G extends Group, N extends Name<G>> = Operations[G][N] extends Operation
  ? OutputOf<Operations[G][N]>
  : never;

interface CallOptions {
  token?: string;
  headers?: Record<string, string>;
}

type Call = (group: Group, op: string, input?: unknown, options?: CallOptions) => Promise<Outcome>;

export interface Surface {
  name: "rest" | "trpc";
  /** Calls an operation named in the contract; its output has the contract's type. */
  call<G extends Group, N extends Name<G>>(
    group: G,
    op: N,
    input?: unknown,
    options?: CallOptions,
  ): Promise<Outcome<Output<G, N>>>;
  /** Calls an operation chosen at run time. */
  call(group: Group, op: string, input?: unknown, options?: CallOptions): Promise<Outcome>;
}

/** Both surfaces send what the contract says; the answer is typed by the operation called. */
const surface = (name: Surface["name"], call: Call): Surface => ({
  name,
  call,
});

/**
 * How a value travels in a query string. Objects are written as JSON: `String()` would call
 * their own `toString`, which random input may define as anything (or as a non-function).
 */
export function queryValue(value: unknown): string {
  return value !== null && typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** REST: builds the request from the operation's method and path, as any third party would. */
export function restSurface(server: TestServer): Surface {
  return surface("rest", async (group, name, input = {}, options = {}) => {
    const op = (operations[group] as Record<string, { method: string; path: string }>)[name]!;
    const rest = { ...(input as Record<string, unknown>) };
    let path = op.path;
    for (const param of pathParamNames(op.path)) {
      path = path.replace(`:${param}`, encodeURIComponent(queryValue(rest[param])));
      delete rest[param];
    }
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (op.method === "GET" || op.method === "DELETE") {
      const qs = new URLSearchParams(
        Object.entries(rest).map(([k, v]): [string, string] => [k, queryValue(v)]),
      ).toString();
      if (qs) path += `?${qs}`;
    } else {
      headers["content-type"] = "application/json";
      body = JSON.stringify(
        input === null || Array.isArray(input) || typeof input !== "object" ? input : rest,
      );
    }
    const res = await fetch(`${server.baseUrl}/rest/v1${path}`, {
      method: op.method,
      headers,
      body,
    });
    const text = await res.text();
    const json = /json/.test(res.headers.get("content-type") ?? "");
    const data = text && json ? JSON.parse(text) : text || undefined;
    if (res.ok) return { ok: true, status: res.status, data };
    const retry = res.headers.get("retry-after");
    return {
      ok: false,
      status: res.status,
      code: data?.code,
      errors: data?.errors,
      retryAfter: retry ? Number(retry) : undefined,
      raw: { data, contentType: res.headers.get("content-type") },
    };
  });
}

/** tRPC: the web app's surface, with its session cookie jar. */
export function trpcSurface(server: TestServer): Surface {
  let token: string | undefined;
  let extraHeaders: Record<string, string> = {};
  const { client } = trpc(
    server,
    () => token,
    () => extraHeaders,
  );
  /** The tRPC client's procedures, looked up by the names the contract lists. */
  const procedures = client as unknown as Record<
    string,
    Record<
      string,
      { query(input: unknown): Promise<unknown>; mutate(input: unknown): Promise<unknown> }
    >
  >;
  return surface("trpc", async (group, name, input = {}, options = {}) => {
    token = options.token;
    extraHeaders = options.headers ?? {};
    const op = (operations[group] as Record<string, { method: string }>)[name]!;
    const procedure = procedures[group]![name]!;
    try {
      const data =
        op.method === "GET" ? await procedure.query(input) : await procedure.mutate(input);
      return { ok: true, status: 200, data };
    } catch (error) {
      if (!(error instanceof TRPCClientError)) throw error;
      const data = error.data as {
        httpStatus: number;
        problem: string;
        errors?: Array<{ field: string; message: string; code?: string }>;
        retryAfter?: number;
      };
      return {
        ok: false,
        status: data.httpStatus,
        code: data.problem,
        errors: data.errors,
        retryAfter: data.retryAfter,
        raw: error,
      };
    }
  });
}

export const surfaces = [
  ["rest", restSurface],
  ["trpc", trpcSurface],
] as const;

export function expectOk<T>(outcome: Outcome<T>): T {
  if (!outcome.ok)
    throw new Error(
      `expected success, got ${outcome.status} ${outcome.code}: ${JSON.stringify(outcome.errors ?? "")}`,
    );
  return outcome.data;
}

export function expectProblem(outcome: Outcome, status: number, code: string) {
  expect(outcome.ok, `expected ${code}`).toBe(false);
  if (outcome.ok) return;
  expect({ status: outcome.status, code: outcome.code }).toEqual({ status, code });
}

export function fields(outcome: Outcome): string[] {
  return outcome.ok ? [] : (outcome.errors ?? []).map((e) => e.field);
}
