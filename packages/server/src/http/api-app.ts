import type { Express } from "express";

import {
  listOperations,
  operations,
  REST_BASE,
  type HttpMethod,
  type OperationTable,
} from "@kabinet/contracts";

import type { Config } from "../config.ts";
import { handlers } from "../domain/handlers.ts";
import type { Services } from "../domain/services.ts";
import { newApiApp, routeNotFound, type SharedMiddleware } from "./middleware.ts";
import type { OpenApiDocument } from "./openapi.ts";
import { problem } from "./problem.ts";
import { mountRest } from "./rest.ts";

/** The methods each path of the table takes, in the table's order. */
export function methodsByPath(table: OperationTable): Map<string, HttpMethod[]> {
  const byPath = new Map<string, HttpMethod[]>();
  for (const [, , op] of listOperations(table)) {
    const methods = byPath.get(op.path) ?? [];
    if (!methods.includes(op.method)) methods.push(op.method);
    byPath.set(op.path, methods);
  }
  return byPath;
}

/**
 * A known path asked with a method it does not take: 405 with `Allow` (RFC 9110 §15.5.6),
 * rather than the 404 of a path that does not exist. Mounted after the operations, so only
 * requests no operation took reach it.
 */
function mountMethodNotAllowed(app: Express, table: OperationTable) {
  const paths = methodsByPath(table);
  paths.set("/openapi.json", ["GET"]);
  for (const [path, methods] of paths) {
    const allow = (methods.includes("GET") ? [...methods, "HEAD"] : methods).join(", ");
    app.all(`${REST_BASE}${path}`, (req, res) => {
      res
        .status(405)
        .set("Allow", allow)
        .type("application/problem+json")
        .json(problem("method_not_allowed", `${req.method} is not allowed here; use ${allow}`));
    });
  }
}

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
  const app = newApiApp(config, shared);
  app.use(shared.json);
  app.get(`${REST_BASE}/openapi.json`, (_req, res) => {
    res.json(openApi);
  });
  mountRest(app, operations, handlers, services);
  mountMethodNotAllowed(app, operations);
  app.use(routeNotFound());
  app.use(shared.problems);
  return app;
}
