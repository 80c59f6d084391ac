import { createServer, type RequestListener, type Server } from "node:http";

import type { Express } from "express";

import type { Config } from "../config.ts";
import { isRestRequest } from "./api-app.ts";
import { answerClientError } from "./client-errors.ts";
import { messageClassesFor } from "./express-messages.ts";
import { isLegacyRequest } from "./legacy-app.ts";

/** The surfaces one port serves. */
export interface Surfaces {
  /** `/trpc/*`: a plain node:http listener, no express. */
  trpc: RequestListener;
  /** `/rest/v1/*`: the REST surface's own express app. */
  api: Express;
  /** The older APIs' own paths (`/api/…`, `/account/…`, …), each in its own envelope. */
  legacy: Express;
  /** Everything else: health, docs, images, the web app. */
  site: Express;
}

/**
 * The node:http server: each request goes to the one surface its path belongs to, so each
 * surface runs only what it needs (see README, "Performance").
 */
export function createHttpServer(config: Config, { trpc, api, legacy, site }: Surfaces): Server {
  const route: RequestListener = (req, res) => {
    const url = req.url ?? "/";
    if (url.startsWith("/trpc/")) trpc(req, res);
    else if (isRestRequest(url)) api(req, res);
    else if (isLegacyRequest(url)) legacy(req, res);
    else site(req, res);
  };
  // Messages built from the REST app's own classes spare express its per-request prototype change.
  const server = config.FAST_EXPRESS_MESSAGES
    ? createServer(messageClassesFor(api), route)
    : createServer(route);
  server.on("clientError", answerClientError);
  server.headersTimeout = 20_000;
  server.requestTimeout = 30_000;
  return server;
}
