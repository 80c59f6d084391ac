import { existsSync } from "node:fs";
import path from "node:path";

import express, { type Express } from "express";
import helmet from "helmet";
import swaggerUi from "swagger-ui-express";

import { REST_BASE } from "@kabinet/contracts";
import type { DatabaseHandle } from "@kabinet/db";

import type { Config } from "../config.ts";
import type { Services } from "../domain/services.ts";
import { DATABASE_RETRY_AFTER_SECONDS } from "../domain/unavailable.ts";
import { mountMedia } from "./media.ts";
import { newExpressApp, routeNotFound, type SharedMiddleware } from "./middleware.ts";
import { problem } from "./problem.ts";
import { PERMISSIONS_POLICY } from "./security-headers.ts";

/** Everything that is not an API call: health, readiness, the docs, images and the web app. */
export function createSiteApp(
  config: Config,
  services: Services,
  database: DatabaseHandle,
  shared: SharedMiddleware,
): Express {
  const site = newExpressApp(config);
  if (shared.requestLog) site.use(shared.requestLog);
  site.use(helmet());
  site.use((_req, res, next) => {
    res.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
    next();
  });
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
    site.get(/^\/(?!rest\/|trpc\/|media\/|ws\/|docs|health|ready).*/, (_req, res) => {
      res.sendFile(path.join(webDist, "index.html"));
    });
  }
  site.use(routeNotFound());
  site.use(shared.problems);
  return site;
}
