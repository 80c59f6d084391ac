import type { ErrorRequestHandler, Express } from "express";

import { legacyApiFor, legacyApis, operationAt, problem, type LegacyApi } from "@kabinet/contracts";

import type { Config } from "../config.ts";
import type { Services } from "../domain/services.ts";
import {
  answerLegacyProblem,
  legacyNotFound,
  legacyProblemHandler,
  mountLegacyApi,
} from "./legacy.ts";
import { newApiApp, type SharedMiddleware } from "./middleware.ts";

/** Requests for one of the older APIs, which `createLegacyApp` serves. */
export function isLegacyRequest(url: string, apis: readonly LegacyApi[] = legacyApis): boolean {
  return legacyApiFor(apis, url.split("?")[0]!) !== undefined;
}

/**
 * The methods each path of the APIs takes, for `Allow` on a 405: HEAD with a GET only where
 * the GET reads (an original's GET that changes state is not run for a HEAD).
 */
function methodsByPath(apis: readonly LegacyApi[]): Map<string, string[]> {
  const byPath = new Map<string, string[]>();
  for (const api of apis)
    for (const route of Object.values(api.routes)) {
      const methods = byPath.get(route.path) ?? [];
      const added =
        route.method === "GET" && operationAt(route.runs).op.method === "GET"
          ? ["GET", "HEAD"]
          : [route.method];
      for (const method of added) if (!methods.includes(method)) methods.push(method);
      byPath.set(route.path, methods);
    }
  return byPath;
}

/**
 * The older APIs kept at their own paths, as an express app of their own: API headers, then
 * every API's routes; a known path asked with another method, an unknown path below an API's
 * prefix and every failure are answered in that API's envelope.
 */
export function createLegacyApp(
  config: Config,
  services: Services,
  shared: SharedMiddleware,
  apis: readonly LegacyApi[] = legacyApis,
): Express {
  const app = newApiApp(config, shared);
  for (const api of apis) mountLegacyApi(app, api, services, shared);
  for (const [path, methods] of methodsByPath(apis)) {
    const allow = methods.join(", ");
    app.all(path, (req, res) => {
      const api = legacyApiFor(apis, req.path)!;
      answerLegacyProblem(
        api,
        res,
        problem("method_not_allowed", `${req.method} is not allowed here; use ${allow}`),
        { Allow: allow },
      );
    });
  }
  app.use((req, res) => legacyNotFound(legacyApiFor(apis, req.path)!, req, res));
  const problems: ErrorRequestHandler = (err, req, res, next) => {
    if (res.headersSent) return next(err);
    legacyProblemHandler(legacyApiFor(apis, req.path)!, services)(err, req, res);
  };
  app.use(problems);
  return app;
}
