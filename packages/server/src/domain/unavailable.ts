import { AppError } from "./errors.ts";

/** What a client is told to wait before trying again while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

export const DATABASE_UNAVAILABLE_DETAIL =
  "The database cannot be reached at the moment. Please try again in a few seconds.";

/**
 * Failures that mean "no database right now", not "this request is wrong": the server or the
 * network is down, restarting or full. They are worth retrying; a 500 would say otherwise.
 */
const connectionCodes = new Set([
  // Sockets (node:net): refused, reset, unreachable, name not resolved.
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  // postgres.js: a connection that could not open in time, or that went away under a query.
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  // PostgreSQL: shutting down, crashed, starting up or in recovery, out of connection slots.
  "57P01",
  "57P02",
  "57P03",
  "53300",
]);

/**
 * True when an error, or any error it wraps (drizzle wraps the driver's in `cause`; a failed
 * connect to several addresses is an AggregateError), says the database is unreachable.
 * SQLSTATE class 08 is PostgreSQL's own "connection exception".
 */
export function isConnectionFailure(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 8) return false;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === "string" && (connectionCodes.has(code) || code.startsWith("08"))) return true;
  if (Array.isArray(errors) && errors.some((e) => isConnectionFailure(e, depth + 1))) return true;
  return isConnectionFailure(cause, depth + 1);
}

/**
 * The problem to answer instead of an unknown error that is really the database being away:
 * 503 `service_unavailable` with `Retry-After`. Undefined for every other error.
 */
export function databaseUnavailable(error: unknown): AppError | undefined {
  if (!isConnectionFailure(error)) return undefined;
  return new AppError(
    "service_unavailable",
    DATABASE_UNAVAILABLE_DETAIL,
    undefined,
    DATABASE_RETRY_AFTER_SECONDS,
  );
}
