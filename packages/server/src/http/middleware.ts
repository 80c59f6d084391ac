import type { IncomingMessage, ServerResponse } from "node:http";

import cors from "cors";
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from "express";
import type { Logger } from "pino";
import { pinoHttp } from "pino-http";

import { errorCatalog, type ErrorCode } from "@kabinet/contracts";

import type { Config } from "../config.ts";
import { AppError } from "../domain/errors.ts";
import { trustedOrigins } from "./cross-site.ts";
import { bearerChallenge, problem, toProblem, type ProblemResponse } from "./problem.ts";
import { setApiHeaders } from "./security-headers.ts";

/** Bodies of operations that take no file: 1 MiB. */
export const BODY_LIMIT = 1024 * 1024;
const JSON_LIMIT = "1mb";

/** What the surfaces share (the request log is used by all three), built once per process. */
export interface SharedMiddleware {
  /** Request lines, or null when the level logs none of them (see `requestLogger`). */
  requestLog: ((req: IncomingMessage, res: ServerResponse, next?: () => void) => void) | null;
  /** Null when no origin may call across sites: then no CORS header is ever sent. */
  cors: RequestHandler | null;
  json: RequestHandler;
  problems: ErrorRequestHandler;
}

/**
 * Request lines are info (4xx: warn). When the level logs neither, no per-request logger is
 * made at all: pino-http's child logger costs more than the request's own query. Failures are
 * still logged by the problem handler.
 */
function requestLogger(log: Logger) {
  if (!log.isLevelEnabled("warn")) return null;
  return pinoHttp({
    logger: log,
    redact: ["req.headers.authorization", "req.headers.cookie", 'res.headers["set-cookie"]'],
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info",
  });
}

/** A request has a body when it says how long it is or that it comes in chunks (RFC 9112 §6.3). */
const hasBody = (req: IncomingMessage) =>
  req.headers["transfer-encoding"] !== undefined || req.headers["content-length"] !== undefined;

/** A body that is not empty: `Content-Length: 0` (an empty PUT) needs no type. */
const hasContent = (req: IncomingMessage) =>
  req.headers["transfer-encoding"] !== undefined ||
  (req.headers["content-length"] !== undefined && req.headers["content-length"] !== "0");

/** `application/json` or `application/<anything>+json`, with any parameters. */
const JSON_MEDIA_TYPE = /^application\/(?:[^\s/;]+\+)?json\s*(?:;|$)/i;

/** The content codings the JSON parser undoes (body-parser's), for `Accept-Encoding` on a 415. */
const READABLE_CODINGS = "gzip, deflate, br";

/** Requests whose body a reader of its own (an upload's) has taken; the JSON reader skips them. */
const bodiesRead = new WeakSet<IncomingMessage>();

export function markBodyRead(req: IncomingMessage): void {
  bodiesRead.add(req);
}

/**
 * JSON bodies up to 1 MiB (after decompression, so a small gzip cannot inflate past it);
 * reads, which carry none, skip the parser's own checks. A body of any other type is refused
 * with 415, never read as an empty one.
 */
export function jsonBodies(limit: string | number = JSON_LIMIT): RequestHandler {
  const parse = express.json({
    limit,
    type: ["application/json", "application/*+json"],
  });
  return (req, res, next) => {
    if (!hasBody(req) || bodiesRead.has(req)) return next();
    if (hasContent(req) && !JSON_MEDIA_TYPE.test(req.headers["content-type"] ?? "")) {
      return next(
        new AppError(
          "unsupported_media_type",
          "Request bodies are JSON: send them with `Content-Type: application/json`",
        ),
      );
    }
    parse(req, res, next);
  };
}

/** The status of an error raised by express or the body reader; undefined for other errors. */
function clientStatus(err: unknown): number | undefined {
  const status = (err as { status?: unknown; statusCode?: unknown } | null)?.status;
  return typeof status === "number" && status >= 400 && status < 500 ? status : undefined;
}

/** Catalogue codes for the 4xx statuses express and the body reader raise of their own. */
const codeByStatus: Partial<Record<number, ErrorCode>> = {
  404: "not_found",
  413: "payload_too_large",
  415: "unsupported_media_type",
  431: "headers_too_large",
};

/**
 * A failure raised before any operation ran (reading or decoding the body, decoding the URL)
 * as a problem; null for the others. None of these is a server fault.
 */
function requestProblem(err: unknown, req: IncomingMessage): ProblemResponse | null {
  const type = (err as { type?: unknown }).type;
  const coding = req.headers["content-encoding"];
  switch (type) {
    case "entity.parse.failed":
      return { status: 400, body: problem("malformed_json") };
    case "entity.too.large": {
      // The reader's own limit: 1 MiB, or more on operations that take a file.
      const limit = (err as { limit?: unknown }).limit;
      const size = typeof limit === "number" ? `${limit / 1024 / 1024} MiB` : JSON_LIMIT;
      return {
        status: 413,
        body: problem(
          "payload_too_large",
          `Request bodies are limited to ${size}, after decompression`,
        ),
      };
    }
    case "encoding.unsupported":
      return {
        status: 415,
        body: problem(
          "unsupported_media_type",
          `Content-Encoding ${String(coding)} is not supported; use ${READABLE_CODINGS} or none`,
        ),
      };
    case "charset.unsupported":
      return {
        status: 415,
        body: problem("unsupported_media_type", "JSON bodies are read as UTF-8 only"),
      };
  }
  const status = clientStatus(err);
  if (status === undefined) return null;
  // A body whose bytes are not what its Content-Encoding says (zlib's or brotli's own errors).
  if (status === 400 && coding !== undefined && coding.toLowerCase() !== "identity")
    return {
      status: 400,
      body: problem("malformed_json", `The body is not valid ${coding} data`),
    };
  const code = codeByStatus[status] ?? "validation_failed";
  return {
    status: errorCatalog[code].status,
    body: problem(code, status === 400 ? "The request is malformed" : undefined),
  };
}

/**
 * Any failure of a request as a problem, with the headers it calls for (`Retry-After`,
 * `Accept-Encoding` on a coding refused); 5xx are logged. Shared by every surface's answer.
 */
export function problemOf(
  err: unknown,
  req: IncomingMessage,
  res: ServerResponse,
  log: Logger,
): ProblemResponse {
  const result = requestProblem(err, req) ?? toProblem(err);
  if (result.status >= 500) ((req as { log?: Logger }).log ?? log).error({ err }, "request failed");
  if (result.retryAfter) res.setHeader("Retry-After", String(result.retryAfter));
  if (result.body.code === "unsupported_media_type" && req.headers["content-encoding"])
    res.setHeader("Accept-Encoding", READABLE_CODINGS);
  return result;
}

/**
 * Every failure as an RFC 9457 problem: no stack, no SQL. A 401 names the scheme to
 * authenticate with (`WWW-Authenticate`, RFC 9110 §11.6.1).
 */
function problemHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const result = problemOf(err, req, res, log);
    if (result.status === 401) res.setHeader("WWW-Authenticate", bearerChallenge(result.body.code));
    res.status(result.status).type("application/problem+json").json(result.body);
  };
}

/** `application/x-www-form-urlencoded` bodies, for older APIs whose clients post forms. */
export function formBodies(limit: number = BODY_LIMIT): RequestHandler {
  return express.urlencoded({ extended: false, limit, parameterLimit: 100 });
}

export function sharedMiddleware(config: Config, log: Logger): SharedMiddleware {
  const origins = trustedOrigins(config.CORS_ORIGINS);
  return {
    requestLog: requestLogger(log),
    cors: origins.length
      ? cors({ origin: origins, credentials: true, exposedHeaders: ["Retry-After"] })
      : null,
    json: jsonBodies(),
    problems: problemHandler(log),
  };
}

/**
 * An express app for an API surface (REST, the older APIs): the API headers on every answer,
 * then the request log and CORS.
 */
export function newApiApp(config: Config, shared: SharedMiddleware): Express {
  const app = newExpressApp(config);
  app.use((_req, res, next) => {
    setApiHeaders(res);
    next();
  });
  if (shared.requestLog) app.use(shared.requestLog);
  if (shared.cors) app.use(shared.cors);
  return app;
}

/** An express app with the settings every app uses. */
export function newExpressApp(config: Config): Express {
  const app = express();
  app.disable("x-powered-by");
  // Answers are personal and never cached (no-store), or static files with their own
  // validators: hashing each body for an ETag buys nothing.
  app.set("etag", false);
  app.set("trust proxy", config.TRUST_PROXY);
  return app;
}

/** The last handler of an app: an unknown route is a problem, not an HTML page. */
export function routeNotFound(): RequestHandler {
  return (req, res) => {
    res
      .status(404)
      .type("application/problem+json")
      .json(problem("not_found", `No route ${req.method} ${req.originalUrl.split("?")[0]}`));
  };
}
