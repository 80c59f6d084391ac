import type { IncomingMessage, ServerResponse } from "node:http";

import type { Express, Request, RequestHandler, Response } from "express";

import {
  legacyBodyTypes,
  operationAt,
  problem,
  UPLOAD_BODY_LIMIT,
  type LegacyApi,
  type LegacyRoute,
  type Problem,
} from "@kabinet/contracts";

import type { Credential } from "../domain/authenticate.ts";
import { handlerOf } from "../domain/context.ts";
import { AppError } from "../domain/errors.ts";
import { handlers } from "../domain/handlers.ts";
import type { Services } from "../domain/services.ts";
import { refuseCrossSiteCookie, trustedOrigins } from "./cross-site.ts";
import {
  BODY_LIMIT,
  formBodies,
  jsonBodies,
  problemOf,
  type SharedMiddleware,
} from "./middleware.ts";
import { bearerChallenge, fieldErrors } from "./problem.ts";
import { bearerToken, clientInfo, runOperation } from "./request-context.ts";
import { clearSessionCookie, sessionCookieOf } from "./session-cookie.ts";
import { multipartBodies } from "./uploads.ts";

/** What the request says about who is calling, read the ways the API's clients send it. */
function credentialOf(api: LegacyApi, req: IncomingMessage, secure: boolean): Credential {
  const header = req.headers.authorization;
  if (header !== undefined) {
    if (api.credentials.includes("raw-authorization")) {
      const match = /^(?:Bearer\s+)?(\S+)$/i.exec(header.trim());
      if (!match) throw new AppError("invalid_token", "Send the token as `Authorization: <token>`");
      return { bearer: match[1] };
    }
    if (api.credentials.includes("bearer")) return { bearer: bearerToken(header) };
  }
  if (api.credentials.includes("web-cookie"))
    return { sessionCookie: sessionCookieOf(req, secure) };
  return {};
}

/** Parses with a schema; a refusal is a `validation_failed` naming the fields as sent. */
function parsed(schema: LegacyRoute["input"], value: unknown): unknown {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = fieldErrors(result.error.issues);
  throw new AppError(
    "validation_failed",
    errors.map((e) => `${e.field}: ${e.message}`).join("; "),
    errors,
  );
}

/** A failure in the API's own envelope; a 401 still names the scheme to authenticate with. */
export function answerLegacyProblem(
  api: LegacyApi,
  res: ServerResponse,
  body: Problem,
  extra: Record<string, string> = {},
): void {
  const { status, body: answer } = api.envelope.error(body);
  if (status === 401) res.setHeader("WWW-Authenticate", bearerChallenge(body.code));
  for (const [name, value] of Object.entries(extra)) res.setHeader(name, value);
  (res as Response).status(status).json(answer);
}

/**
 * Reads the body a route's encoding takes: JSON, forms, multipart forms (the route's `file`
 * as a file part); any other type goes to the JSON reader, which refuses it (415). A route
 * running an operation that takes a file takes that operation's larger bodies.
 */
function bodyReader(route: LegacyRoute, shared: SharedMiddleware): RequestHandler[] {
  const types = legacyBodyTypes(route.encoding);
  if (!types.length) return [];
  const upload = Boolean(operationAt(route.runs).op.upload);
  const json = upload ? jsonBodies(UPLOAD_BODY_LIMIT) : shared.json;
  const readers: Array<[string, RequestHandler]> = [];
  if (types.includes("application/x-www-form-urlencoded"))
    readers.push([
      "application/x-www-form-urlencoded",
      formBodies(upload ? UPLOAD_BODY_LIMIT : undefined),
    ]);
  if (types.includes("multipart/form-data"))
    readers.push([
      "multipart/form-data",
      multipartBodies(route.file, upload ? UPLOAD_BODY_LIMIT : BODY_LIMIT),
    ]);
  if (!readers.length) return [json];
  return [
    (req, res, next) => {
      const reader = readers.find(([type]) => req.is(type));
      (reader?.[1] ?? json)(req, res, next);
    },
  ];
}

/** How a request authenticated: a cookie alone is ambient, sent by the browser on its own. */
const byCookieAlone = (credential: Credential) =>
  credential.bearer === undefined && credential.sessionCookie !== undefined;

/**
 * One route of an older API: its input as sent (path parameters and the query string or the
 * body), parsed by its own schema and mapped to the unified operation's input, which that
 * operation's schema then checks; the operation runs as on REST and tRPC; its output is
 * mapped back and wrapped in the API's envelope.
 */
function routeHandler(api: LegacyApi, route: LegacyRoute, services: Services): RequestHandler {
  const { group, name, op } = operationAt(route.runs);
  const handler = handlerOf(handlers, group, name);
  const trusted = trustedOrigins(services.config.CORS_ORIGINS);
  return async (req: Request, res: Response, next) => {
    // Express answers HEAD with the GET route; some originals change state on GET (`…/remove`),
    // and a HEAD must never do that.
    if (req.method === "HEAD" && op.method !== "GET") return next();
    try {
      const sent: Record<string, unknown> = {
        ...(route.encoding === "query" ? req.query : ((req.body ?? {}) as object)),
        ...req.params,
      };
      const input = parsed(route.input, sent);
      const unified = parsed(op.input, route.toInput(input));
      const client = clientInfo(req, services.config.TRUST_PROXY);
      const agent = api.agentHeader ? req.headers[api.agentHeader] : undefined;
      if (typeof agent === "string" && agent) client.userAgent = agent;
      const secure = services.config.NODE_ENV === "production";
      const credential = credentialOf(api, req, secure);
      const cookie = byCookieAlone(credential);
      // A page of another site must not make a signed-in browser change anything.
      if (cookie && (req.method !== "GET" || op.method !== "GET"))
        refuseCrossSiteCookie(req, trusted);
      const output = await runOperation(services, op, handler, {
        credential,
        client,
        input: unified,
      });
      // Signing out by the cookie ends its session, and the browser drops the cookie too.
      if (cookie && op.sessionCookie === "read-clear") clearSessionCookie(res, secure);
      // `legacyRoute` checked the map against its operation's output; here it is any route's.
      const data = route.output.parse(
        route.toOutput(output as never, input, { token: credential.bearer }),
      );
      res.status(200).json(api.envelope.ok.wrap(data));
    } catch (error) {
      next(error);
    }
  };
}

/** Mounts every route of one API; the caller answers what none of them took. */
export function mountLegacyApi(
  app: Express,
  api: LegacyApi,
  services: Services,
  shared: SharedMiddleware,
): void {
  for (const route of Object.values(api.routes)) {
    const method = route.method === "GET" ? "get" : "post";
    app[method](route.path, ...bodyReader(route, shared), routeHandler(api, route, services));
  }
}

/** Any failure of a request to the API, in its envelope. */
export function legacyProblemHandler(api: LegacyApi, services: Services) {
  return (err: unknown, req: IncomingMessage, res: ServerResponse) => {
    const result = problemOf(err, req, res, services.log);
    answerLegacyProblem(api, res, result.body);
  };
}

/** An unknown path of the API, in its envelope (never the web app's page). */
export function legacyNotFound(api: LegacyApi, req: IncomingMessage, res: ServerResponse): void {
  const path = (req.url ?? "/").split("?")[0];
  answerLegacyProblem(api, res, problem("not_found", `No method ${req.method} ${path}`));
}
