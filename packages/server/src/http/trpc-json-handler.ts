import type { IncomingMessage, ServerResponse } from "node:http";

import {
  callTRPCProcedure,
  getTRPCErrorFromUnknown,
  getTRPCErrorShape,
  transformTRPCResponse,
  TRPCError,
  type AnyTRPCProcedure,
  type AnyTRPCRouter,
  type TRPCDefaultErrorShape,
  type TRPCProcedureType,
  type TRPCRootConfig,
} from "@trpc/server";
import { getHTTPStatusCode } from "@trpc/server/http";

/*
 * Written against @trpc/server 11.22.1. Besides tRPC's exported helpers, it reads the router's
 * private definition (`_def`, see `routerInternals`) and follows tRPC's HTTP protocol for
 * plain calls as tRPC's node handler speaks it. test/trpc-json-handler.test.ts checks the
 * definition's shape and sends the same requests to this handler and to tRPC's own, requiring
 * the same answers. FAST_TRPC_JSON=false sends every call to tRPC's own handler (http/trpc.ts).
 */

type ProcedureType = "query" | "mutation";

/** The root types the handler gives tRPC's helpers: its context and the error shape. */
interface Root<Ctx extends object> {
  ctx: Ctx;
  meta: object;
  errorShape: TRPCDefaultErrorShape;
  transformer: true;
}

/**
 * What the handler reads from a router's private definition, in one place: the root config
 * (data transformer, error formatter), each procedure's type by its dotted path (tRPC keeps
 * them flat, `"me.get"`), and whether any sub-router still waits to be loaded lazily.
 */
export function routerInternals<Ctx extends object>(router: AnyTRPCRouter) {
  const def = router._def;
  const procedures = def.procedures as Record<string, AnyTRPCProcedure>;
  return {
    config: def._config as TRPCRootConfig<Root<Ctx>>,
    procedureTypeAt: (path: string): TRPCProcedureType | undefined =>
      Object.hasOwn(procedures, path) ? procedures[path]!._def.type : undefined,
    hasLazyRouters: () => Object.keys(def.lazy).length > 0,
  };
}

interface Call {
  path: string;
  type: ProcedureType | undefined;
  input: () => Promise<unknown>;
  /** The input if it was read, for error reports (as tRPC reports it). */
  readInput: () => unknown;
}

/** The part of tRPC's request info (`TRPCRequestInfo`) that both handlers give `createContext`. */
export interface RequestInfo {
  isBatchCall: boolean;
  calls: ReadonlyArray<unknown>;
}

/** tRPC's own words for a batch over `maxBatchSize`; this handler refuses one the same way. */
export const BATCH_TOO_LARGE = "Batch call exceeds maximum size";

export interface JsonCallHandlerOptions<Ctx> {
  router: AnyTRPCRouter;
  basePath: string;
  maxBodySize: number;
  /** The most calls one batch may carry, as tRPC's `maxBatchSize`. */
  maxBatchSize: number;
  createContext: (opts: { req: IncomingMessage; res: ServerResponse; info: RequestInfo }) => Ctx;
  onError: (opts: {
    error: TRPCError;
    path: string | undefined;
    type: ProcedureType | "unknown";
    req: IncomingMessage;
    ctx: Ctx | undefined;
    input: unknown;
  }) => void;
}

const streamAccept = "application/jsonl";

/** The request's media type as tRPC compares it: lower case, without parameters. */
export function mediaType(req: IncomingMessage): string | undefined {
  return req.headers["content-type"]?.toLowerCase().split(";", 1)[0]?.trim();
}

/**
 * Plain JSON calls: one procedure or an `httpBatchLink` batch, as a GET query string or a
 * POST JSON body, answered with one JSON document. Streamed batches (`httpBatchStreamLink`),
 * subscriptions, form data and HEAD take tRPC's own handler.
 */
export function isPlainJsonCall(req: IncomingMessage): boolean {
  const accept =
    req.headers["trpc-accept"] ??
    (req.headers.accept?.split(",").some((type) => type.trim() === streamAccept)
      ? streamAccept
      : undefined);
  if (accept === streamAccept) return false;
  const type = mediaType(req);
  if (req.method === "POST") return type === "application/json";
  return (
    req.method === "GET" && type !== "multipart/form-data" && type !== "application/octet-stream"
  );
}

/** The body as a string, refused past `limit` bytes the way tRPC's own reader refuses it. */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      cleanup();
      reject(new TRPCError({ code: "PAYLOAD_TOO_LARGE" }));
    };
    const onEnd = () => {
      cleanup();
      const text = Buffer.concat(chunks).toString("utf8");
      // The Fetch API's json() drops a byte order mark; so does this.
      resolve(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  });
}

/** Reads and parses the inputs once, on first use, as tRPC does: a bad input fails each call that reads it. */
function lazyInputs(
  req: IncomingMessage,
  query: URLSearchParams,
  isBatch: boolean,
  count: number,
  maxBodySize: number,
  deserialize: (value: unknown) => unknown,
) {
  let promise: Promise<Record<number, unknown>> | undefined;
  let inputs: Record<number, unknown> | undefined;
  const parse = async (): Promise<Record<number, unknown>> => {
    let raw: unknown;
    try {
      if (req.method === "GET") {
        const text = query.get("input");
        raw = text ? JSON.parse(text) : undefined;
      } else raw = JSON.parse(await readBody(req, maxBodySize));
    } catch (cause) {
      if (cause instanceof TRPCError) throw cause;
      throw new TRPCError({
        code: "BAD_REQUEST",
        message: cause instanceof Error ? cause.message : "Invalid input",
        cause,
      });
    }
    const result = Object.create(null) as Record<number, unknown>;
    if (raw === undefined) return result;
    if (!isBatch) {
      result[0] = deserialize(raw);
      return result;
    }
    if (!isObject(raw)) {
      throw new TRPCError({
        code: "BAD_REQUEST",
        message: '"input" needs to be an object when doing a batch call',
      });
    }
    for (let index = 0; index < count; index++) {
      const value = (raw as Record<number, unknown>)[index];
      if (value !== undefined) result[index] = deserialize(value);
    }
    return result;
  };
  return {
    read: async () => (inputs ??= await (promise ??= parse())),
    result: () => inputs,
  };
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch (cause) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `Invalid URL-encoding in path "${path}"`,
      cause,
    });
  }
}

/** tRPC's own tests of what only a streamed batch can carry. */
const isObject = (value: unknown): value is object =>
  !!value && !Array.isArray(value) && typeof value === "object";
const isAsyncIterable = (value: unknown) => isObject(value) && Symbol.asyncIterator in value;
const isPromiseLike = (value: unknown) =>
  (isObject(value) || typeof value === "function") &&
  typeof (value as { then?: unknown }).then === "function" &&
  typeof (value as { catch?: unknown }).catch === "function";

function isStreamLike(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (isAsyncIterable(value)) return true;
  const values = Object.values(value);
  return values.some(isPromiseLike) || values.some(isAsyncIterable);
}

/**
 * tRPC's HTTP protocol for plain JSON calls, served straight on node:http from tRPC's own
 * parts (`callTRPCProcedure`, `getTRPCErrorShape`, `transformTRPCResponse`,
 * `getHTTPStatusCode`). tRPC's node adapter wraps every call in a Fetch `Request`, several
 * `AbortSignal`s and web streams, which on Node 20 cost more than the call itself. None of our
 * procedures reads the abort signal, so none is made. The answers are tRPC's own handler's
 * (a test compares both). `handle` returns false for a request it leaves to that handler.
 */
export function createJsonCallHandler<Ctx extends object>(opts: JsonCallHandlerOptions<Ctx>) {
  const { router, basePath } = opts;
  const { config, procedureTypeAt, hasLazyRouters } = routerInternals<Ctx>(router);

  /** Returns false, having touched nothing, when the request is not one it serves. */
  return function handle(req: IncomingMessage, res: ServerResponse): boolean {
    const url = req.url ?? "/";
    const queryAt = url.indexOf("?");
    const query = new URLSearchParams(queryAt === -1 ? "" : url.slice(queryAt + 1));
    const isBatch = query.get("batch") === "1";
    let paths: string[];
    try {
      const path = decodePath(
        (queryAt === -1 ? url : url.slice(0, queryAt)).slice(basePath.length),
      );
      paths = isBatch ? path.split(",") : [path];
      if (paths.length > opts.maxBatchSize)
        throw new TRPCError({ code: "BAD_REQUEST", message: BATCH_TOO_LARGE });
    } catch (cause) {
      answerFailure(req, res, cause, undefined, "unknown");
      return true;
    }
    const types = paths.map(procedureTypeAt);
    // Subscriptions stream; lazily loaded routers are resolved by tRPC's own lookup.
    if (types.includes("subscription")) return false;
    if (types.includes(undefined) && hasLazyRouters()) return false;
    void answer(req, res, query, isBatch, paths, types as Array<ProcedureType | undefined>);
    return true;
  };

  async function answer(
    req: IncomingMessage,
    res: ServerResponse,
    query: URLSearchParams,
    isBatch: boolean,
    paths: string[],
    procedureTypes: Array<ProcedureType | undefined>,
  ) {
    const inputs = lazyInputs(req, query, isBatch, paths.length, opts.maxBodySize, (value) =>
      config.transformer.input.deserialize(value),
    );
    const calls: Call[] = paths.map((path, index) => ({
      path,
      type: procedureTypes[index],
      input: async () => (await inputs.read())[index],
      readInput: () => inputs.result()?.[index],
    }));
    const types = new Set(calls.flatMap((call) => (call.type ? [call.type] : [])));
    const type: ProcedureType | "unknown" = types.values().next().value ?? "unknown";
    if (types.size > 1) {
      const error = new TRPCError({
        code: "BAD_REQUEST",
        message: `Cannot mix procedure types in call: ${[...types].join(", ")}`,
      });
      return answerFailure(req, res, error, undefined, "unknown");
    }
    let ctx: Ctx | undefined;
    try {
      ctx = opts.createContext({ req, res, info: { isBatchCall: isBatch, calls } });
      const results = await Promise.all(
        calls.map((call, index) => run(req, call, index, ctx as Ctx)),
      );
      if (!isBatch) {
        const [[error, data]] = results as [[TRPCError | undefined, unknown]];
        if (!error && isStreamLike(data)) throw streamInPlainCall();
        return send(
          res,
          error ? { error: shape(error, calls[0]!, type, ctx) } : { result: { data } },
        );
      }
      const items = results.map(([error, data], index) => {
        const failure = error ?? (isStreamLike(data) ? streamInPlainCall() : undefined);
        return failure
          ? { error: shape(failure, calls[index]!, calls[index]!.type ?? "unknown", ctx) }
          : { result: { data } };
      });
      return send(res, items);
    } catch (cause) {
      return answerFailure(req, res, cause, ctx, type);
    }
  }

  async function run(
    req: IncomingMessage,
    call: Call,
    index: number,
    ctx: Ctx,
  ): Promise<[TRPCError | undefined, unknown]> {
    try {
      if (!call.type)
        throw new TRPCError({
          code: "NOT_FOUND",
          message: `No procedure found on path "${call.path}"`,
        });
      if ((call.type === "query") !== (req.method === "GET")) {
        throw new TRPCError({
          code: "METHOD_NOT_SUPPORTED",
          message: `Unsupported ${req.method}-request to ${call.type} procedure at path "${call.path}"`,
        });
      }
      const data: unknown = await callTRPCProcedure({
        router,
        path: call.path,
        getRawInput: call.input,
        ctx,
        type: call.type,
        signal: undefined,
        batchIndex: index,
      });
      return [undefined, data];
    } catch (cause) {
      const error = getTRPCErrorFromUnknown(cause);
      opts.onError({
        error,
        path: call.path,
        type: call.type ?? "unknown",
        req,
        ctx,
        input: call.readInput(),
      });
      return [error, undefined];
    }
  }

  function shape(
    error: TRPCError,
    call: Call,
    type: ProcedureType | "unknown",
    ctx: Ctx | undefined,
  ) {
    return getTRPCErrorShape({
      config,
      error,
      type,
      path: call.path,
      input: call.readInput(),
      ctx,
    });
  }

  function answerFailure(
    req: IncomingMessage,
    res: ServerResponse,
    cause: unknown,
    ctx: Ctx | undefined,
    type: ProcedureType | "unknown",
  ) {
    const error = getTRPCErrorFromUnknown(cause);
    opts.onError({ error, path: undefined, type, req, ctx, input: undefined });
    send(res, {
      error: getTRPCErrorShape({ config, error, type, path: undefined, input: undefined, ctx }),
    });
  }

  function send(res: ServerResponse, json: Parameters<typeof getHTTPStatusCode>[0]) {
    res.statusCode = getHTTPStatusCode(json);
    res.setHeader("vary", "trpc-accept, accept");
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(transformTRPCResponse(config, json)));
  }
}

function streamInPlainCall() {
  return new TRPCError({
    code: "UNSUPPORTED_MEDIA_TYPE",
    message: "Cannot use stream-like response in non-streaming request - use httpBatchStreamLink",
  });
}
