/**
 * Every error the API can return, by stable machine code. REST turns an entry into an
 * RFC 9457 problem with this status and title; tRPC maps the status to its own code.
 */
export const errorCatalog = {
  validation_failed: { status: 400, title: "The request is not valid" },
  malformed_json: { status: 400, title: "The request body is not valid JSON" },
  unauthorized: { status: 401, title: "Authentication is required" },
  invalid_token: { status: 401, title: "The access token is invalid or expired" },
  invalid_credentials: { status: 401, title: "Wrong login or password" },
  invalid_refresh_token: { status: 401, title: "The refresh token is invalid or expired" },
  session_revoked: { status: 401, title: "The session has ended" },
  wrong_password: { status: 403, title: "The current password is wrong" },
  password_change_required: {
    status: 403,
    title: "The password must be changed before continuing",
  },
  account_blocked: { status: 403, title: "The account is blocked" },
  forbidden: { status: 403, title: "You may not do this" },
  not_found: { status: 404, title: "No such resource" },
  user_not_found: { status: 404, title: "No such user" },
  session_not_found: { status: 404, title: "No such session" },
  group_not_found: { status: 404, title: "No such group" },
  device_not_found: { status: 404, title: "No such device" },
  qr_code_missing: { status: 400, title: "No QR code was sent" },
  qr_code_unknown: { status: 404, title: "The QR code is not known" },
  qr_code_not_yet_valid: { status: 409, title: "The QR code is not valid yet" },
  qr_code_expired: { status: 409, title: "The QR code has expired" },
  method_not_allowed: { status: 405, title: "Method not allowed" },
  login_taken: { status: 409, title: "The login is already taken" },
  email_taken: { status: 409, title: "The email is already registered" },
  group_name_taken: { status: 409, title: "A group with this name exists" },
  device_slug_taken: { status: 409, title: "A device with this slug exists" },
  payload_too_large: { status: 413, title: "The request body is too large" },
  unsupported_media_type: { status: 415, title: "Unsupported content type" },
  headers_too_large: { status: 431, title: "The request line or headers are too large" },
  rate_limited: { status: 429, title: "Too many requests" },
  internal_error: { status: 500, title: "Internal server error" },
  service_unavailable: { status: 503, title: "The service is unavailable" },
} as const satisfies Record<string, { status: number; title: string }>;

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
