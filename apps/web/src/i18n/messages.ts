import type { TFunction } from "i18next";

import type { ProblemInfo } from "../problems.ts";

/** A problem as a sentence in the current language, with the wait time for rate limits. */
export function problemMessage(
  t: TFunction,
  problem: Pick<ProblemInfo, "code" | "retryAfter">,
): string {
  // Typed as a known key; a code added to the API before its translation falls back at run time.
  const key = `problems.${problem.code}` as "problems.unknown_error";
  const message = t(key, { defaultValue: t("problems.unknown_error") });
  if (problem.code === "rate_limited" && problem.retryAfter) {
    return `${message} ${t("retryAfter", { count: problem.retryAfter })}`;
  }
  return message;
}
