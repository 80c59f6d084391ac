export { createApp, buildOpenApi, buildTrpcRouter, type App } from "./app.ts";
export { loadConfig, type Config } from "./config.ts";
export { drainable, type Drainable, type DrainOptions } from "./http/drain.ts";
export { createLogger } from "./logger.ts";
