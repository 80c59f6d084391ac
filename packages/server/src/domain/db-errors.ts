import { AppError } from "./errors.ts";

/** The constraint a unique violation hit, whichever driver raised it; null for other errors. */
export function uniqueViolation(error: unknown): string | null {
  for (let e = error as Record<string, unknown> | undefined; e; e = e.cause as typeof e) {
    if (e.code === "23505") {
      return (e.constraint_name ?? e.constraint ?? "") as string;
    }
  }
  return null;
}

/** A taken login or email as the problem the caller sees; any other error unchanged. */
export function accountConflict(error: unknown, login: string | undefined): unknown {
  const constraint = uniqueViolation(error);
  if (constraint === "users_login_lower_key")
    return new AppError("login_taken", `The login "${login}" is taken`);
  if (constraint === "users_email_lower_key")
    return new AppError("email_taken", "This email is already registered");
  return error;
}
