import type { TRPCLink } from "@trpc/client";
import { observable, type Unsubscribable } from "@trpc/server/observable";

import type { AppRouter } from "@kabinet/contracts";

import { problemOf } from "../problems.ts";
import { refreshSession } from "./session.ts";

/** Problems that mean the access token is missing, expired or belongs to an ended session. */
const staleTokenProblems = new Set(["unauthorized", "invalid_token", "session_revoked"]);

/**
 * On a 401 for a stale access token, refreshes the session once and repeats the call with
 * the new token. Sign-in operations themselves are never retried.
 */
export function authRetryLink(): TRPCLink<AppRouter> {
  return () =>
    ({ op, next }) =>
      observable((observer) => {
        let subscription: Unsubscribable | undefined;
        let closed = false;
        let retried = false;
        const attempt = () => {
          subscription = next(op).subscribe({
            next: (value) => observer.next(value),
            complete: () => observer.complete(),
            error: (error) => {
              const stale = staleTokenProblems.has(problemOf(error).code);
              if (retried || !stale || op.path.startsWith("auth.")) {
                observer.error(error);
                return;
              }
              retried = true;
              void refreshSession().then((alive) => {
                if (closed) return;
                if (alive) attempt();
                else observer.error(error);
              });
            },
          });
        };
        attempt();
        return () => {
          closed = true;
          subscription?.unsubscribe();
        };
      });
}
