import { availableParallelism } from "node:os";

import { z } from "zod";

import { isYearlyDate } from "./domain/confirmations/expiry.ts";

const int = (fallback: number) => z.coerce.number().int().positive().default(fallback);
/** `true`/`false` (also `1`/`0`, `yes`/`no`, `on`/`off`). */
const flag = (fallback: boolean) => z.stringbool().default(fallback);

/** One connection per core of this machine, at least 2 and at most 10. */
export function defaultPoolSize(cores = availableParallelism()): number {
  return Math.min(10, Math.max(2, cores));
}

/** Every setting the server reads, from the environment, with its documented default. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default(".data"),
  /**
   * PostgreSQL connections per process. The queries are short and indexed, so each connection
   * keeps a database core busy, and postgres.js pipelines further queries onto busy ones: more
   * connections than cores only add context switches (on two cores, 10 connections served a
   * search at two thirds of the rate 2 did). Raise it when the database has more cores.
   */
  DATABASE_POOL_SIZE: int(defaultPoolSize()),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Comma-separated origins allowed to call the API from a browser. */
  CORS_ORIGINS: z.string().default(""),
  /** Hops of reverse proxies to trust for the client address. */
  TRUST_PROXY: z.coerce.number().int().min(0).default(0),
  JWT_SECRET: z.string().min(32).optional(),
  ACCESS_TOKEN_TTL_SECONDS: int(900),
  REFRESH_TOKEN_TTL_DAYS: int(30),
  /** A spent refresh token presented again within this many seconds is a tab race, not theft. */
  REFRESH_REUSE_GRACE_SECONDS: z.coerce.number().int().min(0).default(10),
  ONE_TIME_PASSWORD_TTL_HOURS: int(72),
  ARGON2_MEMORY_KIB: int(19456),
  ARGON2_TIME_COST: int(2),
  /** Hashes computed at once; more wait their turn. Unset: one per core (see infra/passwords.ts). */
  PASSWORD_HASH_CONCURRENCY: z.coerce.number().int().positive().optional(),
  /*
   * Password checks (sign-in, and the current password of a password change). Each attempt is
   * counted before the password is verified; a success is given back.
   */
  /** Failed attempts on one account from one address before the pair's lock starts. */
  LOGIN_FREE_ATTEMPTS: int(5),
  /** The pair's lock doubles with every further failure (1 s, 2 s, 4 s…), up to this many seconds. */
  LOGIN_MAX_LOCK_SECONDS: int(900),
  /** Failed attempts from one address per day before the address is locked… */
  LOGIN_FAILS_PER_IP_PER_DAY: int(200),
  /** …for this many seconds. */
  LOGIN_IP_LOCK_SECONDS: int(3600),
  /**
   * Failed sign-ins of one account from all addresses per hour before its sign-ins slow down.
   * The account is never locked: each further failure doubles the wait from 250 ms…
   */
  LOGIN_FAILS_PER_ACCOUNT_PER_HOUR: int(10),
  /** …up to this many milliseconds. A browser that signed in to the account before does not wait. */
  LOGIN_ACCOUNT_MAX_DELAY_MS: int(3000),
  /** How long the browser's device cookie (proof of an earlier sign-in) is good for. */
  LOGIN_DEVICE_COOKIE_DAYS: int(180),
  /** `GET /auth/login-available` checks per address per minute. */
  LOGIN_AVAILABILITY_CHECKS_PER_IP_PER_MINUTE: int(60),
  REGISTRATIONS_PER_IP_PER_HOUR: int(30),
  /** How long one personal QR code is valid. */
  QR_WINDOW_SECONDS: int(300),
  /** QR codes a member may request per minute (each request issues two). */
  QR_ISSUES_PER_USER_PER_MINUTE: int(30),
  /** Resolutions without a device key per address per minute, while the setting allows them. */
  QR_KEYLESS_RESOLVES_PER_IP_PER_MINUTE: int(60),
  /** Unknown or malformed codes one device (or address) may send per minute before a pause. */
  QR_RESOLVE_FAILS_PER_MINUTE: int(30),
  /** New friend requests one person may send per hour (resending or accepting costs none). */
  FRIEND_REQUESTS_PER_HOUR: int(30),
  /** Files (avatars, scans) one person may upload per hour: each is decoded, which costs CPU. */
  UPLOADS_PER_USER_PER_HOUR: int(60),
  /**
   * The day (`MM-DD`, UTC) each year on which student-card confirmations end; an approval
   * holds until the next one. 1 September by default.
   */
  CONFIRMATION_EXPIRES_ON: z
    .string()
    .refine(isYearlyDate, "A day of the year as MM-DD (not 02-29), e.g. 09-01")
    .default("09-01"),
  /** The built web app to serve at `/` in production (apps/api points it at apps/web's build). */
  WEB_DIST: z.string().optional(),

  /*
   * Shortcuts on hot paths (README, "Performance"). Each one relies on details of a library
   * that its module names, with the version it was written against and a test that fails when
   * an upgrade changes them. Setting one to false takes the ordinary path instead: slower,
   * otherwise the same (tRPC's own handler labels the JSON answer to a few malformed requests
   * text/plain). It is the way out when an upgrade breaks a shortcut.
   */
  /** Plain tRPC calls answered by http/trpc-json-handler.ts; false: tRPC's own handler for all. */
  FAST_TRPC_JSON: flag(true),
  /** node:http builds messages with the REST app's prototypes (http/express-messages.ts); false: plain messages. */
  FAST_EXPRESS_MESSAGES: flag(true),
  /** A password check's counters checked and counted in one statement (infra/attempt-counters.ts); false: one statement each. */
  FAST_RATE_LIMIT_READS: flag(true),
  /** A sign-in written in one statement (domain/accounts/sign-in-statement.ts); false: a transaction. */
  FAST_SIGN_IN: flag(true),
});

export type Config = z.infer<typeof EnvSchema>;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ""));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}
