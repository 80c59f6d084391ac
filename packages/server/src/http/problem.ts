import { problem, validationProblem, type FieldError, type Problem } from "@kabinet/contracts";

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
}

/** Field errors from Zod or any Standard Schema issue list; `prefix` names the request part. */
export function fieldErrors(issues: readonly Issue[], prefix?: string): FieldError[] {
  return issues.map((issue) => {
    const path = (issue.path ?? []).map((p) => String(typeof p === "object" ? p.key : p));
    return { field: path.join(".") || prefix || "body", message: issue.message };
  });
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
