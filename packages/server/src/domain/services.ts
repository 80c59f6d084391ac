import type { Logger } from "pino";

import type { Database } from "@kabinet/db";

import type { Config } from "../config.ts";
import type { DeviceCookies } from "../infra/device-cookies.ts";
import type { PasswordHasher } from "../infra/passwords.ts";
import type { RateLimits } from "../infra/rate-limits.ts";
import type { AccessTokens } from "../infra/tokens.ts";

/** Everything a handler may use, built once at start-up. */
export interface Services {
  db: Database;
  config: Config;
  log: Logger;
  passwords: PasswordHasher;
  accessTokens: AccessTokens;
  deviceCookies: DeviceCookies;
  limits: RateLimits;
}
