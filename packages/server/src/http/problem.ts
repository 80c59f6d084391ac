import { problem, validationProblem, type FieldError, type Problem } from "@kabinet/contracts";

import { AppError } from "../domain/errors.ts";

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

/** Any thrown value as a problem. Unknown errors become a bare 500: no message, stack or SQL. */
export function toProblem(error: unknown): ProblemResponse {
  if (error instanceof AppError) {
    const body = problem(error.code, error.detail, error.fieldErrors);
    return { status: body.status, body, retryAfter: error.retryAfter };
  }
  const body = problem("internal_error");
  return { status: 500, body };
}
