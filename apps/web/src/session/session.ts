import { createTRPCClient, httpLink } from "@trpc/client";

import type { AppRouter, Token } from "@kabinet/contracts";

import { problemOf } from "../problems.ts";
import { TRPC_URL } from "../trpc-url.ts";
import { REFRESH_RETRY_MS, refreshDelayMs } from "./refresh-timing.ts";
import { clearAccessToken, setAccessToken } from "./token-store.ts";

/**
 * `restoring`: the page just loaded and the cookie is being exchanged for an access token;
 * `unavailable`: that exchange failed for a reason other than an ended session.
 */
export type SessionStatus = "restoring" | "signed-in" | "signed-out" | "unavailable";

let status: SessionStatus = "restoring";
const listeners = new Set<() => void>();
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let inflight: Promise<boolean> | undefined;
let endedByUser = false;

/** A client of its own, so refreshing never goes through the retry-after-refresh link. */
const refreshClient = createTRPCClient<AppRouter>({ links: [httpLink({ url: TRPC_URL })] });

function setStatus(next: SessionStatus): void {
  if (status === next) return;
  status = next;
  for (const listener of listeners) listener();
}

export function getSessionStatus(): SessionStatus {
  return status;
}

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function scheduleRefresh(delayMs: number): void {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => void refreshSession(), delayMs);
}

/** Called with the token of a sign-in, a sign-up or a refresh. */
export function startSession(token: Token): void {
  endedByUser = false;
  setAccessToken(token.access_token);
  scheduleRefresh(refreshDelayMs(token.expires_in));
  setStatus("signed-in");
}

/**
 * Forgets the access token; the caller has already ended the session on the server, or it has
 * ended. `byUser`: the user signed out, rather than the session running out.
 */
export function endSession({ byUser = false }: { byUser?: boolean } = {}): void {
  endedByUser = byUser;
  clearTimeout(refreshTimer);
  clearAccessToken();
  setStatus("signed-out");
}

/** After signing out, the next sign-in (perhaps of another account) does not return to the last page. */
export function sessionEndedByUser(): boolean {
  return endedByUser;
}

/** A refresh refused with a client error means the session is over (expired, revoked, reused). */
function sessionIsOver(error: unknown): boolean {
  const { code, httpStatus } = problemOf(error);
  return (
    httpStatus !== undefined && httpStatus >= 400 && httpStatus < 500 && code !== "rate_limited"
  );
}

/**
 * Exchanges the refresh cookie for a new access token. Concurrent callers share one request,
 * since every refresh token is single-use. Resolves to whether the session is alive.
 */
export function refreshSession(): Promise<boolean> {
  inflight ??= (async () => {
    try {
      startSession(await refreshClient.auth.refresh.mutate({}));
      return true;
    } catch (error) {
      if (sessionIsOver(error)) {
        endSession();
      } else if (status === "restoring") {
        setStatus("unavailable");
      } else {
        scheduleRefresh(REFRESH_RETRY_MS);
      }
      return false;
    } finally {
      inflight = undefined;
    }
  })();
  return inflight;
}

/** Restores the session from the cookie when the page loads, or when the user retries. */
export function restoreSession(): Promise<boolean> {
  setStatus("restoring");
  return refreshSession();
}
