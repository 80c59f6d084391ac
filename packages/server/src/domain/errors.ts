import type { ErrorCode, FieldError } from "@kabinet/contracts";

/** A failure the caller can act on. Adapters turn it into a problem (REST) or TRPCError. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly fieldErrors?: FieldError[],
    /** Seconds to wait, for `rate_limited`. */
    readonly retryAfter?: number,
  ) {
    super(detail ?? code);
    this.name = "AppError";
  }

  static invalid(field: string, message: string): AppError {
    return new AppError("validation_failed", `${field}: ${message}`, [{ field, message }]);
  }
}
