export { createApp, buildOpenApi, buildTrpcRouter, type App } from "./app.ts";
export { loadConfig, type Config } from "./config.ts";
export { createLogger } from "./logger.ts";
