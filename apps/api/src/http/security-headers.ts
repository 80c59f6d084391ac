import type { IncomingMessage, ServerResponse } from "node:http";
import helmet from "helmet";

/**
 * Headers on every API answer (REST and tRPC), after the OWASP REST Security Cheat Sheet.
 * API answers are JSON for programs, never rendered as pages, and personal: none of them may
 * be cached or framed. Helmet's fuller set is for the pages (web app, docs).
 */
const API_HEADERS = new Map<string, string>([
  ["Cache-Control", "no-store"],
  ["Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"],
  ["Cross-Origin-Resource-Policy", "same-origin"],
  ["Strict-Transport-Security", "max-age=31536000; includeSubDomains"],
  ["X-Content-Type-Options", "nosniff"],
  ["X-Frame-Options", "DENY"],
]);

export function setApiHeaders(res: ServerResponse): void {
  res.setHeaders(API_HEADERS);
}

/** API paths get the API headers; everything else (pages, docs, images) helmet's defaults. */
export function securityHeaders(isApi: (url: string) => boolean) {
  const pageHeaders = helmet();
  return (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => {
    if (isApi(req.url ?? "")) {
      setApiHeaders(res);
      next();
    } else pageHeaders(req, res, next);
  };
}
