import type { IncomingMessage, ServerResponse } from "node:http";

import cors from "cors";
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from "express";
import type { Logger } from "pino";
import { pinoHttp } from "pino-http";

import type { Config } from "../config.ts";
import { problem, toProblem } from "./problem.ts";

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

/** JSON bodies up to 1 MiB; reads, which carry none, skip the parser's own checks. */
function jsonBodies(): RequestHandler {
  const parse = express.json({
    limit: JSON_LIMIT,
    type: ["application/json", "application/*+json"],
  });
  return (req, res, next) => (hasBody(req) ? parse(req, res, next) : next());
}

/** Every failure as an RFC 9457 problem: no stack, no SQL; 5xx are logged. */
function problemHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const type = (err as { type?: string }).type;
    let result;
    if (type === "entity.parse.failed") result = { status: 400, body: problem("malformed_json") };
    else if (type === "entity.too.large")
      result = {
        status: 413,
        body: problem("payload_too_large", `JSON bodies are limited to ${JSON_LIMIT}`),
      };
    else if (type === "encoding.unsupported" || type === "charset.unsupported")
      result = { status: 415, body: problem("unsupported_media_type") };
    else result = toProblem(err);
    if (result.status >= 500)
      ((req as { log?: Logger }).log ?? log).error({ err }, "request failed");
    if ("retryAfter" in result && result.retryAfter)
      res.setHeader("Retry-After", String(result.retryAfter));
    res.status(result.status).type("application/problem+json").json(result.body);
  };
}

export function sharedMiddleware(config: Config, log: Logger): SharedMiddleware {
  const origins = config.CORS_ORIGINS.split(",")
    .map((o) => o.trim())
    .filter(Boolean);
  return {
    requestLog: requestLogger(log),
    cors: origins.length
      ? cors({ origin: origins, credentials: true, exposedHeaders: ["Retry-After"] })
      : null,
    json: jsonBodies(),
    problems: problemHandler(log),
  };
}

/** An express app with the settings both apps use. */
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
