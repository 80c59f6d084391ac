import type { Logger } from "pino";

import type { DatabaseHandle } from "@kabinet/db";

import type { Config } from "./config.ts";
import type { Services } from "./domain/services.ts";
import { createDeviceCookies } from "./infra/device-cookies.ts";
import { resolveJwtSecret } from "./infra/jwt-secret.ts";
import { createPasswordHasher } from "./infra/passwords.ts";
import { createRateLimits } from "./infra/rate-limits.ts";
import { createAccessTokens } from "./infra/tokens.ts";

/** What every handler is given, built once per process from the configuration and database. */
export async function createServices(
  config: Config,
  database: DatabaseHandle,
  log: Logger,
): Promise<Services> {
  const secret = await resolveJwtSecret(database.db, config.JWT_SECRET);
  return {
    db: database.db,
    config,
    log,
    passwords: await createPasswordHasher({
      memoryCost: config.ARGON2_MEMORY_KIB,
      timeCost: config.ARGON2_TIME_COST,
      concurrency: config.PASSWORD_HASH_CONCURRENCY,
    }),
    accessTokens: createAccessTokens(secret, config.ACCESS_TOKEN_TTL_SECONDS),
    deviceCookies: createDeviceCookies(secret, config.LOGIN_DEVICE_COOKIE_DAYS),
    limits: createRateLimits(database, config),
  };
}
