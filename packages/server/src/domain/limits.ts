import type { RateLimits, Refusal } from "../infra/rate-limits.ts";
import { AppError } from "./errors.ts";
import type { Services } from "./services.ts";

type LimitName = keyof RateLimits | "passwordChange";

/** What the caller is told when each limit refuses. */
const refusalDetail: Record<LimitName, string> = {
  login: "Too many failed sign-in attempts; try again later",
  passwordChange: "Too many wrong passwords; try again later",
  loginAvailability: "Too many login checks from this address; try again in a minute",
  registration: "Too many sign-ups from this address; try again later",
  qrIssue: "Too many QR codes requested; try again in a minute",
  qrKeyless: "Too many scans from this address; try again in a minute",
  qrFailures: "Too many unknown codes; try again in a minute",
  friendRequest: "Too many friend requests; try again later",
};

/** A limit's refusal as the `rate_limited` problem, with its Retry-After. */
export function rateLimited(limit: LimitName, refusal: Refusal): AppError {
  return new AppError("rate_limited", refusalDetail[limit], undefined, refusal.retryAfter);
}

type ActionLimitName =
  "registration" | "loginAvailability" | "qrIssue" | "qrKeyless" | "friendRequest";

/** Counts one action against its limit; throws `rate_limited` past it. */
export async function consumeLimit(
  services: Services,
  limit: ActionLimitName,
  key: string,
): Promise<void> {
  const refusal = await services.limits[limit].consume(key);
  if (refusal) throw rateLimited(limit, refusal);
}
