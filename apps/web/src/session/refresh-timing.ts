/** Refresh a minute before the access token expires, or halfway through a short lifetime. */
export function refreshDelayMs(expiresInSeconds: number): number {
  const lead = Math.min(60, expiresInSeconds / 2);
  return Math.max(1, expiresInSeconds - lead) * 1000;
}

/** After a failed refresh that did not end the session (network, server), try again soon. */
export const REFRESH_RETRY_MS = 15_000;
