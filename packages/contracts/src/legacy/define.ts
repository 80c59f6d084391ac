import type { z } from "zod";

import { refuseNul } from "../core/no-nul.ts";
import type { Problem } from "../core/problem.ts";
import type { OperationAt, OperationKey } from "../operation-keys.ts";

/**
 * Where a legacy route's input comes from, besides its path parameters: the query string, a
 * JSON body, a JSON or form (`application/x-www-form-urlencoded`) body, or either of those or
 * a `multipart/form-data` one.
 */
export type LegacyEncoding = "query" | "json" | "json-or-form" | "json-form-or-multipart";

/** The body types a route's encoding takes, as media types; none for the query string. */
export function legacyBodyTypes(encoding: LegacyEncoding): string[] {
  switch (encoding) {
    case "query":
      return [];
    case "json":
      return ["application/json"];
    case "json-or-form":
      return ["application/json", "application/x-www-form-urlencoded"];
    case "json-form-or-multipart":
      return ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"];
  }
}

/**
 * What a legacy API's clients send to say who they are:
 * - `bearer`: `Authorization: Bearer <access token, session token or device key>`;
 * - `raw-authorization`: the same token with or without the `Bearer` word;
 * - `web-cookie`: the web app's session cookie, when no `Authorization` header is sent.
 */
export type LegacyCredential = "bearer" | "raw-authorization" | "web-cookie";

/**
 * One route of an older API, kept at its own path: a view over one unified operation. The
 * route parses the original's input, maps it to the operation's input, and the operation's
 * output back to the original's shape. The maps are pure (renames and formats): the route
 * runs the operation's own authorization and handler, and nothing else.
 */
export interface LegacyRoute<
  K extends OperationKey = OperationKey,
  I extends z.ZodType = z.ZodType,
  O extends z.ZodType = z.ZodType,
> {
  method: "GET" | "POST";
  /** The original path, in express syntax (`/api/v1/users/id/:id`). */
  path: string;
  summary: string;
  encoding: LegacyEncoding;
  /**
   * The input field a multipart body may send as a file part (its bytes become the field's
   * base64); a multipart body with a file anywhere else is refused.
   */
  file?: string;
  /** The original's input in its own field names and formats; path parameters included. */
  input: I;
  /** The answer's data in the original's shape, before the API's envelope. */
  output: O;
  /** The unified operation this route runs. */
  runs: K;
  toInput(input: z.output<I>): z.input<OperationAt<K>["input"]>;
  toOutput(
    output: z.output<OperationAt<K>["output"]>,
    input: z.output<I>,
    request: LegacyRequest,
  ): z.input<O>;
}

/** What of the request itself a route's answer may repeat, beside its input. */
export interface LegacyRequest {
  /** The token the request authenticated with, for originals that echo it in their answer. */
  token: string | undefined;
}

/**
 * How an API wraps answers: `wrap` makes the success body of a route's data (and `schema` its
 * schema, for the documentation); `error` makes the status and body of a failure from the
 * unified problem, by the API's own table of codes and messages.
 */
export interface LegacyEnvelope {
  ok: {
    wrap(data: unknown): unknown;
    schema(data: z.ZodType): z.ZodType;
  };
  error(problem: Problem): { status: number; body: unknown };
  errorSchema: z.ZodType;
}

export interface LegacyApi {
  /** The API's name, as its documentation tag says ("Legacy: <name>"). */
  name: string;
  /** Path prefixes the API owns: an unknown path below them is answered in its envelope. */
  prefixes: readonly string[];
  credentials: readonly LegacyCredential[];
  /** A request header that names the client's session (its user agent) when present. */
  agentHeader?: string;
  envelope: LegacyEnvelope;
  routes: Record<string, LegacyRoute>;
}

/**
 * Keeps a route's literal types, so `toInput` and `toOutput` are checked against the operation
 * it runs. NUL is refused in every string of the input, as in every unified operation.
 */
export function legacyRoute<K extends OperationKey, I extends z.ZodType, O extends z.ZodType>(
  route: LegacyRoute<K, I, O>,
): LegacyRoute<K, I, O> {
  return { ...route, input: refuseNul(route.input) };
}

export function defineLegacyApi<const A extends LegacyApi>(api: A): A {
  return api;
}

/** The prefixes of all APIs, longest first: a path belongs to the API whose prefix is longest. */
export function legacyApiFor<A extends LegacyApi>(apis: readonly A[], path: string): A | undefined {
  let best: A | undefined;
  let length = -1;
  for (const api of apis)
    for (const prefix of api.prefixes) {
      const owns = path.startsWith(prefix) || path === prefix.replace(/\/$/, "");
      if (owns && prefix.length > length) {
        best = api;
        length = prefix.length;
      }
    }
  return best;
}
