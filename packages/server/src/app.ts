import type { Server } from "node:http";

import type { Logger } from "pino";

import type { DatabaseHandle } from "@kabinet/db";

import type { Config } from "./config.ts";
import type { Services } from "./domain/services.ts";
import { createApiApp } from "./http/api-app.ts";
import { createLegacyApp } from "./http/legacy-app.ts";
import { sharedMiddleware } from "./http/middleware.ts";
import { buildOpenApi, type OpenApiDocument } from "./http/openapi.ts";
import { createHttpServer } from "./http/server.ts";
import { createSiteApp } from "./http/site-app.ts";
import { createTrpcApp } from "./http/trpc-app.ts";
import { startMaintenance } from "./maintenance.ts";
import { createServices } from "./services.ts";

export interface App {
  server: Server;
  services: Services;
  openApi: OpenApiDocument;
}

/**
 * Assembles the process: services, then REST, tRPC, the older APIs, docs, health and the web
 * app on one port.
 */
export async function createApp(
  config: Config,
  database: DatabaseHandle,
  log: Logger,
): Promise<App> {
  const services = await createServices(config, database, log);
  const openApi = buildOpenApi();
  const shared = sharedMiddleware(config, log);
  const server = createHttpServer(config, {
    trpc: createTrpcApp(services, shared),
    api: createApiApp(config, services, shared, openApi),
    legacy: createLegacyApp(config, services, shared),
    site: createSiteApp(config, services, database, shared),
  });
  server.on("close", startMaintenance(services));
  return { server, services, openApi };
}
