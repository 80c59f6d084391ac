import { pino } from "pino";

import type { Config } from "./config.ts";

export function createLogger(config: Config) {
  return pino({
    level: config.LOG_LEVEL,
    redact: {
      paths: ["*.password", "*.new_password", "*.refresh_token", "*.access_token"],
      censor: "[redacted]",
    },
  });
}
