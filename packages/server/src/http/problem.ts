import {
  problem,
  validationProblem,
  type ErrorCode,
  type FieldError,
  type Problem,
} from "@kabinet/contracts";

import { AppError } from "../domain/errors.ts";
import { databaseUnavailable } from "../domain/unavailable.ts";

export { problem, validationProblem };

export interface ProblemResponse {
  status: number;
  body: Problem;
  retryAfter?: number;
}

export interface Issue {
  message: string;
  path?: ReadonlyArray<PropertyKey | { key: PropertyKey }> | undefined;
  /** Zod's issue code; `unrecognized_keys` issues list the keys in `keys`. */
  code?: string;
  keys?: readonly string[];
}

/**
 * Field errors from Zod or any Standard Schema issue list; `prefix` names the request part.
 * Keys a strict part does not take (unknown query parameters) are named one by one.
 */
export function fieldErrors(issues: readonly Issue[], prefix?: string): FieldError[] {
  return issues.flatMap((issue) => {
    const path = (issue.path ?? []).map((p) => String(typeof p === "object" ? p.key : p));
    if (issue.code === "unrecognized_keys" && issue.keys?.length) {
      const message = prefix === "query" ? "Not a parameter of this operation" : "Unknown field";
      return issue.keys.map((key) => ({ field: [...path, key].join("."), message }));
    }
    return [{ field: path.join(".") || prefix || "body", message: issue.message }];
  });
}

/**
 * The `WWW-Authenticate` challenge of a 401 (RFC 6750 §3): the bearer scheme, and for a token
 * that was sent but is not valid, the `invalid_token` error.
 */
export function bearerChallenge(code: ErrorCode): string {
  return code === "invalid_token"
    ? 'Bearer realm="kabinet", error="invalid_token"'
    : 'Bearer realm="kabinet"';
}

/**
 * Any thrown value as a problem. An unreachable database is a 503 with `Retry-After`; other
 * unknown errors become a bare 500: no message, stack or SQL.
 */
export function toProblem(thrown: unknown): ProblemResponse {
  const error = databaseUnavailable(thrown) ?? thrown;
  if (error instanceof AppError) {
    const body = problem(error.code, error.detail, error.fieldErrors);
    return { status: body.status, body, retryAfter: error.retryAfter };
  }
  const body = problem("internal_error");
  return { status: 500, body };
}
