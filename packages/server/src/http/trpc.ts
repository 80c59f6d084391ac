import type { IncomingMessage, ServerResponse } from "node:http";

import {
  initTRPC,
  TRPCError,
  type AnyTRPCRouter,
  type TRPC_ERROR_CODE_KEY,
  type TRPCRouterRecord,
} from "@trpc/server";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";

import {
  errorCatalog,
  listOperations,
  TRPC_MAX_BATCH_SIZE,
  type ErrorCode,
  type FieldError,
  type KabinetErrorData,
  type OperationTable,
  type TrpcRouterFor,
} from "@kabinet/contracts";

import { handlerOf, type HandlersFor } from "../domain/context.ts";
import { AppError } from "../domain/errors.ts";
import type { Services } from "../domain/services.ts";
import { databaseUnavailable } from "../domain/unavailable.ts";
import { bearerChallenge, fieldErrors } from "./problem.ts";
import { bearerToken, clientInfo, runOperation } from "./request-context.ts";
import { deviceCookieTransport, sessionCookieTransport } from "./session-cookie.ts";
import {
  BATCH_TOO_LARGE,
  createJsonCallHandler,
  isPlainJsonCall,
  type RequestInfo,
} from "./trpc-json-handler.ts";

interface TrpcContext {
  req: IncomingMessage;
  res: ServerResponse;
  /** How many calls the request carries: more than one in a batch. */
  calls: number;
}

export const trpcCodeByStatus: Record<number, TRPC_ERROR_CODE_KEY> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "METHOD_NOT_SUPPORTED",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  429: "TOO_MANY_REQUESTS",
  500: "INTERNAL_SERVER_ERROR",
  503: "SERVICE_UNAVAILABLE",
};

/** tRPC's own transport failures, in the contract's error codes. */
const problemByTrpcCode: Partial<Record<TRPC_ERROR_CODE_KEY, ErrorCode>> = {
  PARSE_ERROR: "malformed_json",
  NOT_FOUND: "not_found",
  PAYLOAD_TOO_LARGE: "payload_too_large",
  METHOD_NOT_SUPPORTED: "method_not_allowed",
  UNSUPPORTED_MEDIA_TYPE: "unsupported_media_type",
  BAD_REQUEST: "validation_failed",
};

function toTrpcError(thrown: unknown, res: ServerResponse): TRPCError {
  const error = databaseUnavailable(thrown) ?? thrown;
  if (error instanceof AppError) {
    // The header REST sends too; a batch shares it, which only asks its other calls to wait.
    if (error.retryAfter && !res.headersSent)
      res.setHeader("Retry-After", String(error.retryAfter));
    if (errorCatalog[error.code].status === 401 && !res.headersSent)
      res.setHeader("WWW-Authenticate", bearerChallenge(error.code));
    const code = trpcCodeByStatus[errorCatalog[error.code].status] ?? "INTERNAL_SERVER_ERROR";
    return new TRPCError({
      code,
      message: error.detail ?? errorCatalog[error.code].title,
      cause: error,
    });
  }
  return error instanceof TRPCError
    ? error
    : new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: error });
}

const t = initTRPC.context<TrpcContext>().create({
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    let problemCode: ErrorCode = "internal_error";
    let errors: FieldError[] | undefined;
    let message: string = errorCatalog.internal_error.title;
    let retryAfter: number | undefined;
    if (cause instanceof AppError) {
      problemCode = cause.code;
      errors = cause.fieldErrors;
      message = cause.detail ?? errorCatalog[cause.code].title;
      retryAfter = cause.retryAfter;
    } else if (error.code === "BAD_REQUEST" && cause && "issues" in cause) {
      problemCode = "validation_failed";
      errors = fieldErrors((cause as { issues: [] }).issues);
      message = errorCatalog.validation_failed.title;
    } else if (error.code === "BAD_REQUEST" && error.message === BATCH_TOO_LARGE) {
      problemCode = "batch_refused";
      message = errorCatalog.batch_refused.detail;
    } else if (cause instanceof SyntaxError) {
      problemCode = "malformed_json";
      message = errorCatalog.malformed_json.title;
    } else if (error.code !== "INTERNAL_SERVER_ERROR") {
      problemCode = problemByTrpcCode[error.code] ?? "validation_failed";
      message = error.message;
    }
    const data: KabinetErrorData = {
      code: shape.data.code,
      httpStatus: shape.data.httpStatus,
      problem: problemCode,
      ...(errors ? { errors } : {}),
      ...(retryAfter ? { retryAfter } : {}),
    };
    return { code: shape.code, message, data };
  },
});

/** The router type carries this server's request context. */
type ServerRouterFor<T extends OperationTable> = TrpcRouterFor<T, TrpcContext>;

/** Operations → tRPC: GET becomes a query, everything else a mutation; same schemas, same handlers. */
export function toTrpcRouter<T extends OperationTable>(
  table: T,
  handlers: HandlersFor<T>,
  services: Services,
): ServerRouterFor<T> {
  const secure = services.config.NODE_ENV === "production";
  const cookies = sessionCookieTransport(secure);
  const devices = deviceCookieTransport(secure, services.deviceCookies);
  const groups: Record<string, TRPCRouterRecord> = {};
  for (const [group, name, op] of listOperations(table)) {
    const handler = handlerOf(handlers, group, name);
    const procedure = op.produces
      ? t.procedure.input(op.input)
      : t.procedure.input(op.input).output(op.output);
    const resolve = async ({ ctx, input }: { ctx: TrpcContext; input: unknown }) => {
      // Refused before anything runs, so a refused call sets no cookie either.
      if (op.batchable === false && ctx.calls > 1) {
        const refusal = new AppError(
          "batch_refused",
          `${group}.${name} must be sent alone, not in a batch with other calls`,
        );
        throw toTrpcError(refusal, ctx.res);
      }
      let output: unknown;
      try {
        output = await runOperation(services, op, handler, {
          credential: { bearer: bearerToken(ctx.req.headers.authorization) },
          client: {
            ...clientInfo(ctx.req, services.config.TRUST_PROXY),
            deviceCookie: op.sessionCookie === "issue" ? devices.read(ctx.req) : undefined,
          },
          input: cookies.prepareInput(op, ctx.req, input),
        });
      } catch (error) {
        cookies.finishOutput(op, ctx.res, undefined, true);
        throw toTrpcError(error, ctx.res);
      }
      devices.issue(op, ctx.res, output);
      return cookies.finishOutput(op, ctx.res, output, false);
    };
    (groups[group] ??= {})[name] =
      op.method === "GET" ? procedure.query(resolve) : procedure.mutation(resolve);
  }
  const record = Object.fromEntries(
    Object.entries(groups).map(([g, procs]) => [g, t.router(procs)]),
  );
  return t.router(record) as unknown as ServerRouterFor<T>;
}

/**
 * A node:http listener for `/trpc/*`, mounted ahead of express (see README, "Performance").
 * Plain JSON calls are answered by the lean handler, unless FAST_TRPC_JSON is off; streamed
 * batches, and then everything, by tRPC's own.
 */
export function createTrpcListener(router: AnyTRPCRouter, services: Services) {
  const options = trpcHandlerOptions(router, services);
  const stock = createHTTPHandler(options);
  if (!services.config.FAST_TRPC_JSON) return stock;
  const plain = createJsonCallHandler(options);
  return (req: IncomingMessage, res: ServerResponse) => {
    if (!isPlainJsonCall(req) || !plain(req, res)) stock(req, res);
  };
}

/**
 * What both tRPC handlers are given: the same router, limits, context and error log. A batch
 * is capped at TRPC_MAX_BATCH_SIZE calls (tRPC's `maxBatchSize`; the lean handler reads the
 * same option), so one request cannot start a thousand operations at once.
 */
export function trpcHandlerOptions(router: AnyTRPCRouter, services: Services) {
  return {
    router,
    basePath: "/trpc/",
    maxBodySize: 1024 * 1024,
    maxBatchSize: TRPC_MAX_BATCH_SIZE,
    createContext: ({
      req,
      res,
      info,
    }: {
      req: IncomingMessage;
      res: ServerResponse;
      info: RequestInfo;
    }): TrpcContext => ({ req, res, calls: info.isBatchCall ? info.calls.length : 1 }),
    onError: ({ error, path }: { error: TRPCError; path: string | undefined }) => {
      if (error.code === "INTERNAL_SERVER_ERROR")
        services.log.error({ err: error.cause ?? error, path }, "tRPC operation failed");
    },
  };
}
