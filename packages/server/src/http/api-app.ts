import type { Express } from "express";

import { operations, REST_BASE } from "@kabinet/contracts";

import type { Config } from "../config.ts";
import { handlers } from "../domain/handlers.ts";
import type { Services } from "../domain/services.ts";
import { newExpressApp, routeNotFound, type SharedMiddleware } from "./middleware.ts";
import type { OpenApiDocument } from "./openapi.ts";
import { mountRest } from "./rest.ts";
import { setApiHeaders } from "./security-headers.ts";

/** Requests for the REST surface, which `createApiApp` serves on its own. */
export const isRestRequest = (url: string) => url.startsWith(`${REST_BASE}/`);

/**
 * The REST surface as an express app of its own: API headers, CORS, JSON bodies, the
 * ts-rest routes and the OpenAPI document, then problems. Its requests pass none of the
 * site's middleware (docs, pages, images).
 */
export function createApiApp(
  config: Config,
  services: Services,
  shared: SharedMiddleware,
  openApi: OpenApiDocument,
): Express {
  const app = newExpressApp(config);
  app.use((_req, res, next) => {
    setApiHeaders(res);
    next();
  });
  if (shared.requestLog) app.use(shared.requestLog);
  if (shared.cors) app.use(shared.cors);
  app.use(shared.json);
  app.get(`${REST_BASE}/openapi.json`, (_req, res) => {
    res.json(openApi);
  });
  mountRest(app, operations, handlers, services);
  app.use(routeNotFound());
  app.use(shared.problems);
  return app;
}
