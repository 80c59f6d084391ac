import { TRPC_MAX_BATCH_SIZE } from "./operation.ts";

/**
 * Every error the API can return, by stable machine code. REST turns an entry into an
 * RFC 9457 problem with this status and title, and this `detail` when the occurrence has no
 * more precise one; tRPC maps the status to its own code.
 */
export const errorCatalog = {
  validation_failed: {
    status: 400,
    title: "The request is not valid",
    detail: "Some of the request's fields are missing or not valid.",
  },
  malformed_json: {
    status: 400,
    title: "The request body is not valid JSON",
    detail: "The request body could not be read as JSON.",
  },
  batch_refused: {
    status: 400,
    title: "The tRPC batch was refused",
    detail: `A tRPC batch may carry at most ${TRPC_MAX_BATCH_SIZE} calls, and sign-in, sign-up, session and password calls must be sent alone.`,
  },
  unauthorized: {
    status: 401,
    title: "Authentication is required",
    detail: "Send an access token as `Authorization: Bearer <token>`.",
  },
  invalid_token: {
    status: 401,
    title: "The access token is invalid or expired",
    detail: "Refresh the access token or sign in again.",
  },
  invalid_credentials: {
    status: 401,
    title: "Wrong login or password",
    detail: "The login or the password is wrong.",
  },
  invalid_refresh_token: {
    status: 401,
    title: "The refresh token is invalid or expired",
    detail: "The refresh token is not known or has expired; sign in again.",
  },
  session_revoked: {
    status: 401,
    title: "The session has ended",
    detail: "This session was ended; sign in again.",
  },
  wrong_password: {
    status: 403,
    title: "The current password is wrong",
    detail: "The current password given does not match.",
  },
  password_change_required: {
    status: 403,
    title: "The password must be changed before continuing",
    detail: "This one-time password must be replaced (POST /me/password) before anything else.",
  },
  account_blocked: {
    status: 403,
    title: "The account is blocked",
    detail: "This account is blocked; an administrator can unblock it.",
  },
  forbidden: {
    status: 403,
    title: "You may not do this",
    detail: "The caller lacks the permission or rank this needs.",
  },
  not_found: { status: 404, title: "No such resource", detail: "Nothing exists at this address." },
  user_not_found: { status: 404, title: "No such user", detail: "No such user exists." },
  session_not_found: {
    status: 404,
    title: "No such session",
    detail: "No such session of yours is active.",
  },
  group_not_found: { status: 404, title: "No such group", detail: "No such group exists." },
  device_not_found: { status: 404, title: "No such device", detail: "No such device exists." },
  qr_code_missing: {
    status: 400,
    title: "No QR code was sent",
    detail: "The request carries no QR code to resolve.",
  },
  qr_code_unknown: {
    status: 404,
    title: "The QR code is not known",
    detail: "This is not a QR code Kabinet has issued.",
  },
  qr_code_not_yet_valid: {
    status: 409,
    title: "The QR code is not valid yet",
    detail: "This QR code belongs to a later time window.",
  },
  qr_code_expired: {
    status: 409,
    title: "The QR code has expired",
    detail: "This QR code's time window is over; show a fresh one.",
  },
  method_not_allowed: {
    status: 405,
    title: "Method not allowed",
    detail: "This address does not take this method; see the Allow header.",
  },
  login_taken: {
    status: 409,
    title: "The login is already taken",
    detail: "Another account already uses this login.",
  },
  email_taken: {
    status: 409,
    title: "The email is already registered",
    detail: "Another account already uses this email.",
  },
  group_name_taken: {
    status: 409,
    title: "A group with this name exists",
    detail: "Another group already has this name.",
  },
  device_slug_taken: {
    status: 409,
    title: "A device with this slug exists",
    detail: "Another device already has this slug.",
  },
  payload_too_large: {
    status: 413,
    title: "The request body is too large",
    detail: "Request bodies are limited to 1 MiB, after decompression.",
  },
  unsupported_media_type: {
    status: 415,
    title: "Unsupported content type",
    detail: "Send request bodies as `Content-Type: application/json`.",
  },
  headers_too_large: {
    status: 431,
    title: "The request line or headers are too large",
    detail: "The request line or headers exceed the server's limit.",
  },
  rate_limited: {
    status: 429,
    title: "Too many requests",
    detail: "Too many requests; try again after the time in Retry-After.",
  },
  internal_error: {
    status: 500,
    title: "Internal server error",
    detail: "The server failed to answer; the failure has been logged.",
  },
  service_unavailable: {
    status: 503,
    title: "The service is unavailable",
    detail: "The service cannot answer right now; try again after the time in Retry-After.",
  },
} as const satisfies Record<string, { status: number; title: string; detail: string }>;

export type ErrorCode = keyof typeof errorCatalog;

export const errorCodes = Object.keys(errorCatalog) as [ErrorCode, ...ErrorCode[]];

/** Errors any operation can return on top of its own list; documented once per operation. */
export const commonErrors = ["validation_failed", "rate_limited", "internal_error"] as const;

/** Errors an authenticated operation can return on top of its own list. */
export const authErrors = [
  "unauthorized",
  "invalid_token",
  "session_revoked",
  "forbidden",
] as const;
