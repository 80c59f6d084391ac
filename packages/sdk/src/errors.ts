import type { ErrorCode, FieldError, Problem } from "@kabinet/contracts";

/** Where an error happened: the operation (`group.name`), HTTP method and URL of the call. */
export interface RequestInfo {
  operation: string;
  method: string;
  url: string;
}

/**
 * The API answered with an RFC 9457 problem. `code` is the stable machine code to branch on;
 * `fieldErrors` lists the fields a `validation_failed` problem complains about.
 */
export class KabinetError<C extends ErrorCode = ErrorCode> extends Error {
  override readonly name = "KabinetError";
  /** HTTP status of the answer. */
  readonly status: number;
  readonly code: C;
  /** Short human-readable summary of the problem type. */
  readonly title: string;
  /** Explanation specific to this occurrence, when the server gave one. */
  readonly detail: string | undefined;
  /** Field problems, `[{ field, message }]`; empty unless the input was refused field by field. */
  readonly fieldErrors: FieldError[];
  /** Seconds to wait before trying again, from the `Retry-After` header, when present. */
  readonly retryAfter: number | undefined;
  /** The problem document exactly as the server sent it. */
  readonly problem: Problem;
  /** The operation (`group.name`) that failed. */
  readonly operation: string;

  constructor(
    problem: Problem & { code: C },
    init: { retryAfter?: number | undefined; request: RequestInfo },
  ) {
    super(
      problem.detail
        ? `${problem.title}: ${problem.detail} (${problem.code})`
        : `${problem.title} (${problem.code})`,
    );
    this.status = problem.status;
    this.code = problem.code;
    this.title = problem.title;
    this.detail = problem.detail;
    this.fieldErrors = problem.errors ?? [];
    this.retryAfter = init.retryAfter;
    this.problem = problem;
    this.operation = init.request.operation;
  }

  /** The message for one field, e.g. `error.fieldError("email")`, or undefined. */
  fieldError(field: string): string | undefined {
    return this.fieldErrors.find((e) => e.field === field)?.message;
  }
}

/**
 * The call did not get a problem answer: the server could not be reached (`kind: "network"`),
 * or it answered with something that is not the API's JSON (`kind: "response"`), such as a
 * proxy's HTML error page. `status` is the HTTP status in the second case.
 */
export class KabinetRequestError extends Error {
  override readonly name = "KabinetRequestError";
  readonly kind: "network" | "response";
  readonly status: number | undefined;
  readonly operation: string;
  readonly method: string;
  readonly url: string;

  constructor(
    message: string,
    init: { kind: "network" | "response"; status?: number; request: RequestInfo; cause?: unknown },
  ) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status;
    this.operation = init.request.operation;
    this.method = init.request.method;
    this.url = init.request.url;
  }
}

/**
 * Whether `error` is a problem answered by the API, optionally with one of the given codes.
 *
 * ```ts
 * if (isKabinetError(e, "invalid_credentials")) showWrongPassword();
 * if (isKabinetError(e, ["login_taken", "email_taken"])) markTaken(e.code);
 * ```
 */
export function isKabinetError<C extends ErrorCode = ErrorCode>(
  error: unknown,
  code?: C | readonly C[],
): error is KabinetError<C> {
  if (!isProblemError(error)) return false;
  if (code === undefined) return true;
  return typeof code === "string"
    ? error.code === code
    : (code as readonly ErrorCode[]).includes(error.code);
}

/** `instanceof` on the generic class, without its type argument turning into `any`. */
function isProblemError(error: unknown): error is KabinetError {
  return error instanceof KabinetError;
}

/** Whether a parsed body looks like an RFC 9457 problem of this API. */
export function isProblem(value: unknown): value is Problem {
  if (typeof value !== "object" || value === null) return false;
  const p = value as Record<string, unknown>;
  return typeof p.code === "string" && typeof p.status === "number" && typeof p.title === "string";
}

/** `Retry-After` as seconds: either a number of seconds or an HTTP date. */
export function parseRetryAfter(header: string | null): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - Date.now()) / 1000));
}
