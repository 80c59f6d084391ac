import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";

import express, { type Express } from "express";
import helmet from "helmet";
import type { Logger } from "pino";
import swaggerUi from "swagger-ui-express";

import { generateOpenApi, REST_BASE } from "@kabinet/contracts";
import type { DatabaseHandle } from "@kabinet/db";

import type { Config } from "./config.ts";
import { handlers, operations } from "./domain/handlers.ts";
import { pruneQrData } from "./domain/qr/codes.ts";
import type { Services } from "./domain/services.ts";
import { DATABASE_RETRY_AFTER_SECONDS } from "./domain/unavailable.ts";
import { createApiApp, isRestRequest } from "./http/api-app.ts";
import { messageClassesFor } from "./http/express-messages.ts";
import { mountMedia } from "./http/media.ts";
import {
  newExpressApp,
  routeNotFound,
  sharedMiddleware,
  type SharedMiddleware,
} from "./http/middleware.ts";
import { problem } from "./http/problem.ts";
import { setApiHeaders } from "./http/security-headers.ts";
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

/** Everything that is not an API call: health, readiness, the docs, images and the web app. */
function createSite(
  config: Config,
  services: Services,
  database: DatabaseHandle,
  shared: SharedMiddleware,
): Express {
  const site = newExpressApp(config);
  if (shared.requestLog) site.use(shared.requestLog);
  site.use(helmet());
  if (shared.cors) site.use(shared.cors);
  site.use(shared.json);

  site.get("/health", (_req, res) => {
    res.json({ status: "ok", uptime_seconds: Math.round(process.uptime()) });
  });
  site.get("/ready", async (_req, res) => {
    const up = await database.ping();
    if (up) res.json({ status: "ready", database: database.kind });
    else
      res
        .status(503)
        .set("Retry-After", String(DATABASE_RETRY_AFTER_SECONDS))
        .type("application/problem+json")
        .json(problem("service_unavailable", "The database is not reachable"));
  });
  site.use(
    "/docs",
    swaggerUi.serve,
    swaggerUi.setup(undefined, {
      swaggerOptions: { url: `${REST_BASE}/openapi.json` },
      customSiteTitle: "Kabinet API",
    }),
  );
  mountMedia(site, services);

  const webDist = config.WEB_DIST;
  if (webDist && config.NODE_ENV === "production" && existsSync(path.join(webDist, "index.html"))) {
    site.use(express.static(webDist, { index: false, maxAge: "1h" }));
    site.get(/^\/(?!rest\/|trpc\/|media\/|docs|health|ready).*/, (_req, res) => {
      res.sendFile(path.join(webDist, "index.html"));
    });
  }
  site.use(routeNotFound());
  site.use(shared.problems);
  return site;
}

/** Assembles the process: services, then REST, tRPC, docs, health and the web app on one port. */
export async function createApp(
  config: Config,
  database: DatabaseHandle,
  log: Logger,
): Promise<App> {
  const services: Services = {
    db: database.db,
    config,
    log,
    passwords: await createPasswordHasher({
      memoryCost: config.ARGON2_MEMORY_KIB,
      timeCost: config.ARGON2_TIME_COST,
      concurrency: config.PASSWORD_HASH_CONCURRENCY,
    }),
    accessTokens: createAccessTokens(
      await resolveJwtSecret(database.db, config.JWT_SECRET),
      config.ACCESS_TOKEN_TTL_SECONDS,
    ),
    limits: createRateLimits(database, config),
  };
  const openApi = buildOpenApi();
  const shared = sharedMiddleware(config, log);
  const api = createApiApp(config, services, shared, openApi);
  const site = createSite(config, services, database, shared);
  // Expired QR codes and remembered scan answers are dropped hourly.
  const maintenance = setInterval(() => {
    pruneQrData(services.db).catch((error: unknown) =>
      log.warn({ err: error }, "QR data pruning failed"),
    );
  }, 3_600_000).unref();

  const trpc = createTrpcListener(buildTrpcRouter(services), services);
  // Each surface gets only what it needs: tRPC no express at all, REST its own small app,
  // whose request and response prototypes node:http builds its messages with.
  const server = createServer(messageClassesFor(api), (req, res) => {
    const url = req.url ?? "/";
    if (url.startsWith("/trpc/")) {
      shared.requestLog?.(req, res);
      setApiHeaders(res);
      trpc(req, res);
    } else if (isRestRequest(url)) api(req, res);
    else site(req, res);
  });
  // Requests node:http refuses before any handler runs still get a problem, not a bare status line.
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const tooLarge = error.code === "HPE_HEADER_OVERFLOW";
    const body = JSON.stringify(
      tooLarge
        ? problem("headers_too_large")
        : problem("validation_failed", "The HTTP request is malformed"),
    );
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
