import { TRPCClientError } from "@trpc/client";

import {
  errorCatalog,
  type ErrorCode,
  type FieldError,
  type KabinetErrorData,
} from "@kabinet/contracts";

/** The API's problem codes, plus the two failures that never reach the API. */
export type ProblemCode = ErrorCode | "network_error" | "unknown_error";

export interface ProblemInfo {
  code: ProblemCode;
  httpStatus: number | undefined;
  fieldErrors: FieldError[];
  /** Seconds to wait before trying again, for `rate_limited`. */
  retryAfter: number | undefined;
}

/** A problem known without the API's answer: one of its codes, or a failure to reach it. */
export function problemWithCode(code: ProblemCode, httpStatus?: number): ProblemInfo {
  return { code, httpStatus, fieldErrors: [], retryAfter: undefined };
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(errorCatalog, value);
}

/** A failure of a plain HTTP call (a file download), carrying the problem the API answered. */
export class ProblemError extends Error {
  constructor(readonly problem: ProblemInfo) {
    super(problem.code);
    this.name = "ProblemError";
  }
}

/** The problem of a failed REST answer (RFC 9457 body with a `code`), whatever its shape. */
export async function problemOfResponse(response: Response): Promise<ProblemInfo> {
  let body: { code?: unknown; errors?: unknown } | undefined;
  try {
    body = (await response.json()) as typeof body;
  } catch {
    body = undefined;
  }
  const retryAfter = Number(response.headers.get("retry-after"));
  return {
    code: isErrorCode(body?.code) ? body.code : "unknown_error",
    httpStatus: response.status,
    fieldErrors: Array.isArray(body?.errors) ? (body.errors as FieldError[]) : [],
    retryAfter: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  };
}

/** Reads the stable problem code and field errors out of any failure of a tRPC call. */
export function problemOf(error: unknown): ProblemInfo {
  if (error instanceof ProblemError) return error.problem;
  if (error instanceof TRPCClientError) {
    const data = error.data as Partial<KabinetErrorData> | undefined;
    if (data && isErrorCode(data.problem)) {
      return {
        code: data.problem,
        httpStatus: data.httpStatus,
        fieldErrors: data.errors ?? [],
        retryAfter: data.retryAfter,
      };
    }
    // No error body at all: the request never got an answer from the API.
    return {
      code: data ? "unknown_error" : "network_error",
      httpStatus: data?.httpStatus,
      fieldErrors: [],
      retryAfter: undefined,
    };
  }
  return problemWithCode("unknown_error");
}

/** Whether retrying the same request unchanged can help. */
export function isRetryable(error: unknown): boolean {
  const { code, httpStatus } = problemOf(error);
  return code === "network_error" || (httpStatus !== undefined && httpStatus >= 500);
}
