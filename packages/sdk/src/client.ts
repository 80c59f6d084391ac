import {
  listOperations,
  mapOperations,
  operations,
  type InputOf,
  type MappedTable,
  type Operation,
  type Operations,
  type OutputOf,
} from "@kabinet/contracts";

import {
  isKabinetError,
  isProblem,
  KabinetError,
  KabinetRequestError,
  parseRetryAfter,
  type RequestInfo,
} from "./errors.ts";
import { buildRequest, restRoot } from "./request.ts";
import {
  normalizeTokens,
  sameTokens,
  takesRefreshToken,
  tokenLocator,
  type Tokens,
  type TokensInput,
} from "./tokens.ts";

/** The subset of a fetch response the client reads. */
export interface FetchResponse {
  status: number;
  ok: boolean;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** A `fetch` implementation: the global one by default; pass another to add logging, retries or a proxy. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<FetchResponse>;

export type HeadersOption =
  Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);

export interface ClientOptions {
  /** Where the API runs, e.g. `https://kabinet.example.org`; the `/rest/v1` prefix is added. */
  baseUrl: string;
  /** An access token to start with (or a device key, for devices). */
  accessToken?: string | null;
  /** A refresh token to start with, e.g. one persisted by `onTokens`. */
  refreshToken?: string | null;
  fetch?: FetchLike;
  /**
   * Called whenever the client's tokens change: after sign-up, sign-in and every refresh with
   * the new pair, and with `null` after logout or when the session has ended.
   */
  onTokens?: (tokens: Tokens | null) => void;
  /** Extra headers for every request, or a function returning them. */
  headers?: HeadersOption;
}

/** Per-call options, the optional last argument of every operation method. */
export interface CallOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/** One operation as a method: its input is optional when no field of it is required. */
export type OperationMethod<Op extends Operation> =
  Record<string, never> extends InputOf<Op>
    ? (input?: InputOf<Op>, options?: CallOptions) => Promise<OutputOf<Op>>
    : (input: InputOf<Op>, options?: CallOptions) => Promise<OutputOf<Op>>;

/** Every operation of the API as `client.<group>.<name>(input)`, derived from the contracts. */
export type OperationMethods = {
  readonly [G in keyof Operations]: {
    readonly [N in keyof Operations[G]]: Operations[G][N] extends Operation
      ? OperationMethod<Operations[G][N]>
      : never;
  };
};

/** `"group.name"` of every operation, e.g. `"auth.login"` or `"me.revokeSession"`. */
export type OperationName = {
  [G in keyof Operations]: `${G & string}.${keyof Operations[G] & string}`;
}[keyof Operations];

export interface ClientCore {
  /** The REST root every call goes to, e.g. `https://kabinet.example.org/rest/v1`. */
  readonly baseUrl: string;
  /** The tokens the client holds now, or null when signed out. */
  getTokens(): Tokens | null;
  /** Replaces the tokens (`null` signs out locally); calls `onTokens` when they change. */
  setTokens(tokens: TokensInput | null): void;
}

export type KabinetClient = OperationMethods & ClientCore;

/** Every operation the client exposes, as `"group.name"`, in the order the contracts declare them. */
export const operationNames: readonly OperationName[] = Object.freeze(
  listOperations(operations).map(([group, name]) => `${group}.${name}` as OperationName),
);

const reservedNames = new Set(["baseUrl", "getTokens", "setTokens"]);

/** What every method is at run time: one call, whatever the operation. */
type UntypedMethod = (input?: unknown, call?: CallOptions) => Promise<unknown>;

/**
 * The methods built at run time, typed from the table they were built from. Each answers its
 * operation's output type: the server's answers are trusted, not validated again.
 */
function typedMethods(methods: MappedTable<Operations, UntypedMethod>): OperationMethods {
  return methods as OperationMethods;
}

const refreshOperation: Operation = operations.auth.refresh;
const readRefreshedToken = tokenLocator(refreshOperation)!;

function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const inner = cause.cause as { code?: string; message?: string } | undefined;
  const reason = inner?.code ?? inner?.message;
  return reason ? `${cause.message} (${reason})` : cause.message;
}

function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  return Boolean(signal?.aborted) || (error instanceof Error && error.name === "AbortError");
}

/**
 * A client for the Kabinet REST API. Every operation of the contracts is a method,
 * `client.<group>.<name>(input, options?)`; tokens from sign-up, sign-in and refresh are kept
 * and sent, and an expired access token is refreshed once and the call retried.
 */
export function createClient(options: ClientOptions): KabinetClient {
  const root = restRoot(options.baseUrl);
  const doFetch: FetchLike = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
  let tokens = normalizeTokens({
    accessToken: options.accessToken ?? null,
    refreshToken: options.refreshToken ?? null,
  });
  let refreshing: Promise<void> | null = null;
  const locators = new Map<Operation, ReturnType<typeof tokenLocator>>();

  function updateTokens(next: Tokens | null): void {
    if (sameTokens(tokens, next)) return;
    tokens = next;
    options.onTokens?.(next ? { ...next } : null);
  }

  async function send(
    operation: string,
    op: Operation,
    input: unknown,
    bearer: string | null,
    call?: CallOptions,
  ) {
    const request = buildRequest(root, op, input);
    const info: RequestInfo = { operation, method: request.method, url: request.url };
    const extra = typeof options.headers === "function" ? await options.headers() : options.headers;
    const accept = `${op.produces ?? "application/json"}, application/problem+json`;
    const headers: Record<string, string> = { accept, ...extra };
    if (request.body !== undefined) headers["content-type"] = "application/json";
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    Object.assign(headers, call?.headers);

    let status: number;
    let ok: boolean;
    let retryAfter: string | null;
    let text: string;
    try {
      const response = await doFetch(request.url, {
        method: request.method,
        headers,
        ...(request.body !== undefined ? { body: request.body } : {}),
        ...(call?.signal ? { signal: call.signal } : {}),
      });
      ({ status, ok } = response);
      retryAfter = response.headers.get("retry-after");
      text = await response.text();
    } catch (cause) {
      if (isAbort(cause, call?.signal)) throw cause;
      throw new KabinetRequestError(
        `Could not reach the Kabinet API for ${operation} (${request.method} ${request.url}): ${describeCause(cause)}`,
        { kind: "network", request: info, cause },
      );
    }

    // File operations (the CSV export) answer with the file's text.
    if (ok && op.produces) return text;
    let body: unknown;
    let parsed = true;
    try {
      body = text === "" ? undefined : JSON.parse(text);
    } catch {
      parsed = false;
    }
    if (ok && parsed) return body;
    if (!ok && parsed && isProblem(body)) {
      throw new KabinetError(body, { retryAfter: parseRetryAfter(retryAfter), request: info });
    }
    const what = ok ? "a body that is not JSON" : "no problem document";
    throw new KabinetRequestError(
      `The Kabinet API answered ${operation} (${request.method} ${request.url}) with HTTP ${status} and ${what}`,
      { kind: "response", status, request: info },
    );
  }

  /** One refresh at a time: concurrent callers wait for the same exchange. */
  function refresh(): Promise<void> {
    refreshing ??= (async () => {
      const presented = tokens?.refreshToken ?? null;
      try {
        const output = await send(
          "auth.refresh",
          refreshOperation,
          { refresh_token: presented },
          null,
        );
        const token = readRefreshedToken(output);
        if (!token) {
          throw new KabinetRequestError("The Kabinet API answered auth.refresh without a token", {
            kind: "response",
            status: 200,
            request: {
              operation: "auth.refresh",
              method: refreshOperation.method,
              url: `${root}${refreshOperation.path}`,
            },
          });
        }
        updateTokens(normalizeTokens(token));
      } catch (error) {
        // The server refused the refresh token: the session is over, so forget it.
        if (error instanceof KabinetError && tokens?.refreshToken === presented) updateTokens(null);
        throw error;
      }
    })().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  /** Sends with a bearer; an ended session makes the client forget that session's tokens. */
  async function sendAs(
    bearer: string,
    operation: string,
    op: Operation,
    input: unknown,
    call?: CallOptions,
  ) {
    try {
      return await send(operation, op, input, bearer, call);
    } catch (error) {
      if (isKabinetError(error, "session_revoked") && tokens?.accessToken === bearer)
        updateTokens(null);
      throw error;
    }
  }

  async function sendAuthenticated(
    operation: string,
    op: Operation,
    input: unknown,
    call?: CallOptions,
  ) {
    if (!tokens?.accessToken && tokens?.refreshToken) await refresh();
    const used = tokens?.accessToken ?? null;
    if (used === null) return send(operation, op, input, null, call);
    try {
      return await sendAs(used, operation, op, input, call);
    } catch (error) {
      if (!isKabinetError(error, "invalid_token")) throw error;
      // Another call may have refreshed already while this one was in flight.
      if (tokens?.accessToken === used) {
        if (!tokens.refreshToken) throw error;
        await refresh();
      }
      const current = tokens?.accessToken ?? null;
      if (current === null || current === used) throw error;
      return sendAs(current, operation, op, input, call);
    }
  }

  async function invoke(operation: string, op: Operation, rawInput: unknown, call?: CallOptions) {
    let input = rawInput;
    const stored = tokens?.refreshToken ?? null;
    let presented: unknown;
    if (takesRefreshToken(op)) {
      const fields = (typeof rawInput === "object" && rawInput !== null ? rawInput : {}) as Record<
        string,
        unknown
      >;
      presented = fields.refresh_token;
      if (presented === undefined && stored !== null) {
        input = { ...fields, refresh_token: stored };
        presented = stored;
      }
    }
    const ownSession = presented === undefined || presented === stored;
    const locate = locators.get(op);
    try {
      // Public operations go without a token, except those a device (or an admin) may call with one.
      const anonymous = op.auth === "public" && !op.acceptsDeviceKey;
      const output = anonymous
        ? await send(operation, op, input, null, call)
        : await sendAuthenticated(operation, op, input, call);
      const token = locate?.(output);
      if (token) updateTokens(normalizeTokens(token));
      if (op.sessionCookie === "read-clear" && ownSession) updateTokens(null);
      return output;
    } catch (error) {
      if (error instanceof KabinetError && ownSession && tokens?.refreshToken === stored) {
        // Logging out signs out locally whatever the server says; a refused own refresh token is dead.
        const endsSession = op.sessionCookie === "read-clear";
        const refused = stored !== null && presented === stored && error.status === 401;
        if (endsSession || refused) updateTokens(null);
      }
      throw error;
    }
  }

  const core: ClientCore = {
    baseUrl: root,
    getTokens: () => (tokens ? { ...tokens } : null),
    setTokens: (next: TokensInput | null) => updateTokens(normalizeTokens(next)),
  };
  for (const group of Object.keys(operations)) {
    if (reservedNames.has(group))
      throw new Error(`The operation group "${group}" clashes with a client method`);
  }
  const methods = mapOperations(operations, (op, group, name): UntypedMethod => {
    locators.set(op, tokenLocator(op));
    return (input, call) => invoke(`${group}.${name}`, op, input, call);
  });
  for (const group of Object.values(methods)) Object.freeze(group);
  return Object.freeze({ ...core, ...typedMethods(methods) });
}
