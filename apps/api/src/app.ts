import { existsSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { generateOpenApi, REST_BASE } from "@kabinet/contracts";
import type { DatabaseHandle } from "@kabinet/db";
import cors from "cors";
import express, { type ErrorRequestHandler } from "express";
import type { Logger } from "pino";
import { pinoHttp } from "pino-http";
import swaggerUi from "swagger-ui-express";
import type { Config } from "./config.ts";
import { handlers, operations } from "./domain/handlers.ts";
import { pruneQrData } from "./domain/qr/codes.ts";
import type { Services } from "./domain/services.ts";
import { problem, toProblem } from "./http/problem.ts";
import { mountMedia } from "./http/media.ts";
import { mountRest } from "./http/rest.ts";
import { securityHeaders, setApiHeaders } from "./http/security-headers.ts";
import { createTrpcListener, toTrpcRouter } from "./http/trpc.ts";
import { resolveJwtSecret } from "./infra/jwt-secret.ts";
import { createPasswordHasher } from "./infra/passwords.ts";
import { createRateLimits } from "./infra/rate-limits.ts";
import { createAccessTokens } from "./infra/tokens.ts";

export interface App {
  server: Server;
  services: Services;
  openApi: ReturnType<typeof generateOpenApi>;
}

const JSON_LIMIT = "1mb";

export function buildOpenApi() {
  return generateOpenApi(operations, {
    title: "Kabinet API",
    version: "1.0.0",
    description:
      "Membership and identity for schools, makerspaces and student communities. Errors are RFC 9457 problem details with a stable `code`.",
  });
}

export function buildTrpcRouter(services: Services) {
  return toTrpcRouter(operations, handlers, services);
}

function defaultWebDist(): string {
  return fileURLToPath(new URL("../../web/dist", import.meta.url));
}

/** Assembles the process: services, then REST, tRPC, docs, health and the web app on one port. */
export async function createApp(config: Config, database: DatabaseHandle, log: Logger): Promise<App> {
  const services: Services = {
    db: database.db,
    config,
    log,
    passwords: await createPasswordHasher({
      memoryCost: config.ARGON2_MEMORY_KIB,
      timeCost: config.ARGON2_TIME_COST,
      concurrency: config.PASSWORD_HASH_CONCURRENCY,
    }),
    accessTokens: createAccessTokens(await resolveJwtSecret(database.db, config.JWT_SECRET), config.ACCESS_TOKEN_TTL_SECONDS),
    limits: createRateLimits(database, config),
  };
  const openApi = buildOpenApi();
  // Request lines are info (4xx: warn). When neither is logged, only the logger is attached to
  // requests: pino-http's per-request child logger costs more than the request's own query.
  // Failures are still logged by the error handler.
  const requestLines = log.isLevelEnabled("warn");
  const fullHttpLog = pinoHttp({
    logger: log,
    redact: ["req.headers.authorization", "req.headers.cookie", 'res.headers["set-cookie"]'],
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info"),
  });

  const app = express();
  app.disable("x-powered-by");
  // API answers are personal and never cached (no-store): hashing each body for an ETag buys nothing.
  app.set("etag", false);
  app.set("trust proxy", config.TRUST_PROXY);
  const httpLog: (req: IncomingMessage, res: ServerResponse, next?: () => void) => void = requestLines
    ? fullHttpLog
    : (req, _res, next) => {
        (req as IncomingMessage & { log: Logger }).log = log;
        next?.();
      };
  app.use(httpLog);
  app.use(securityHeaders((url) => url.startsWith(`${REST_BASE}/`)));
  const origins = config.CORS_ORIGINS.split(",").map((o) => o.trim()).filter(Boolean);
  app.use(cors({ origin: origins.length ? origins : false, credentials: true, exposedHeaders: ["Retry-After"] }));
  app.use(express.json({ limit: JSON_LIMIT, type: ["application/json", "application/*+json"] }));

  app.get("/health", (_req, res) => {
    res.json({ status: "ok", uptime_seconds: Math.round(process.uptime()) });
  });
  app.get("/ready", async (_req, res) => {
    const up = await database.ping();
    if (up) res.json({ status: "ready", database: database.kind });
    else res.status(503).type("application/problem+json").json(problem("service_unavailable", "The database is not reachable"));
  });
  app.get(`${REST_BASE}/openapi.json`, (_req, res) => {
    res.json(openApi);
  });
  app.use("/docs", swaggerUi.serve, swaggerUi.setup(undefined, { swaggerOptions: { url: `${REST_BASE}/openapi.json` }, customSiteTitle: "Kabinet API" }));

  mountRest(app, operations, handlers, services);
  mountMedia(app, services);

  app.use([REST_BASE, "/trpc"], (req, res) => {
    res.status(404).type("application/problem+json").json(problem("not_found", `No route ${req.method} ${req.originalUrl.split("?")[0]}`));
  });

  const webDist = config.WEB_DIST ?? defaultWebDist();
  if (config.NODE_ENV === "production" && existsSync(path.join(webDist, "index.html"))) {
    app.use(express.static(webDist, { index: false, maxAge: "1h" }));
    app.get(/^\/(?!rest\/|trpc\/|media\/|docs|health|ready).*/, (_req, res) => {
      res.sendFile(path.join(webDist, "index.html"));
    });
  }

  app.use((req, res) => {
    res.status(404).type("application/problem+json").json(problem("not_found", `No route ${req.method} ${req.path}`));
  });

  const onError: ErrorRequestHandler = (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const type = (err as { type?: string }).type;
    let result;
    if (type === "entity.parse.failed") result = { status: 400, body: problem("malformed_json") };
    else if (type === "entity.too.large") result = { status: 413, body: problem("payload_too_large", `JSON bodies are limited to ${JSON_LIMIT}`) };
    else if (type === "encoding.unsupported" || type === "charset.unsupported") result = { status: 415, body: problem("unsupported_media_type") };
    else result = toProblem(err);
    if (result.status >= 500) req.log.error({ err }, "request failed");
    if ("retryAfter" in result && result.retryAfter) res.setHeader("Retry-After", String(result.retryAfter));
    res.status(result.status).type("application/problem+json").json(result.body);
  };
  app.use(onError);

  // Expired QR codes and remembered scan answers are dropped hourly.
  const maintenance = setInterval(() => {
    pruneQrData(services.db).catch((error: unknown) => log.warn({ err: error }, "QR data pruning failed"));
  }, 3_600_000).unref();

  const trpc = createTrpcListener(buildTrpcRouter(services), services);
  const server = createServer((req, res) => {
    if (req.url?.startsWith("/trpc/")) {
      // Mounted ahead of express: tRPC needs none of its middleware, and skipping it is measurably faster.
      httpLog(req, res);
      setApiHeaders(res);
      trpc(req, res);
      return;
    }
    app(req, res);
  });
  // Requests node:http refuses before any handler runs still get a problem, not a bare status line.
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const tooLarge = error.code === "HPE_HEADER_OVERFLOW";
    const body = JSON.stringify(tooLarge ? problem("headers_too_large") : problem("validation_failed", "The HTTP request is malformed"));
    socket.end(
      `HTTP/1.1 ${tooLarge ? "431 Request Header Fields Too Large" : "400 Bad Request"}\r\n` +
        `Content-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  server.on("close", () => clearInterval(maintenance));
  server.headersTimeout = 20_000;
  server.requestTimeout = 30_000;
  return { server, services, openApi };
}
