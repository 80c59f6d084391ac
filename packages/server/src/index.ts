export { createApp, type App } from "./app.ts";
export { loadConfig, type Config } from "./config.ts";
export { buildOpenApi } from "./http/openapi.ts";
export { buildTrpcRouter } from "./http/trpc-app.ts";
export { drainable, type Drainable, type DrainOptions } from "./http/drain.ts";
export { createLogger } from "./logger.ts";
