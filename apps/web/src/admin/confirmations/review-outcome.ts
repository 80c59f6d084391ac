import { problemOf } from "../../problems.ts";

/** What became of a request a reviewer acted on, as the page tells it. */
export type ReviewOutcome = "approved" | "rejected" | "decidedElsewhere";

/**
 * A decision the API refused because the request is no longer pending: another reviewer
 * decided it (409), or the person replaced it with a new scan (404). Either way it has left the
 * queue, and that is what the reviewer needs to hear, not an error.
 */
export function isGoneFromQueue(error: unknown): boolean {
  const { code } = problemOf(error);
  return code === "confirmation_decided" || code === "confirmation_not_found";
}
