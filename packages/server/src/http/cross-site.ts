import type { IncomingMessage } from "node:http";

import { AppError } from "../domain/errors.ts";

/**
 * Whether a browser sent this request from a page of another origin. Browsers name the
 * sender in `Sec-Fetch-Site`, and in `Origin` on every POST; a client that sends neither is
 * not a browser acting for a page. The web app's own origin and the configured CORS origins
 * are trusted.
 */
function fromAnotherOrigin(req: IncomingMessage, trusted: readonly string[]): boolean {
  const origin = req.headers.origin;
  const trustedOrigin = origin !== undefined && trusted.includes(origin);
  const site = req.headers["sec-fetch-site"];
  if (site !== undefined && site !== "same-origin" && site !== "none") return !trustedOrigin;
  if (origin === undefined || trustedOrigin) return false;
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    // `Origin: null` (a sandboxed page, a redirect across sites) or nonsense.
    return true;
  }
}

/**
 * A request authenticated by the web app's cookie alone is refused when another site sent it
 * and it may change something (cross-site request forgery). The cookie is SameSite=Strict,
 * which already keeps it off requests from other sites; a sibling host of the same site, or
 * a browser that ignores SameSite, still meets this check.
 */
export function refuseCrossSiteCookie(req: IncomingMessage, trusted: readonly string[]): void {
  if (fromAnotherOrigin(req, trusted))
    throw new AppError(
      "forbidden",
      "Requests from other sites may not act with the session cookie; send an access token instead",
    );
}

/** The origins configured as trusted callers (CORS_ORIGINS). */
export function trustedOrigins(corsOrigins: string): string[] {
  return corsOrigins
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean);
}
