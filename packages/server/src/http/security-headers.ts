import type { ServerResponse } from "node:http";

/**
 * Headers on every API answer (REST and tRPC), after the OWASP REST Security Cheat Sheet.
 * API answers are JSON for programs, never rendered as pages, and personal: none of them may
 * be cached or framed. Helmet's fuller set is for the site (web app, docs, images).
 */
const API_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ["Cache-Control", "no-store"],
  ["Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"],
  ["Cross-Origin-Resource-Policy", "same-origin"],
  ["Strict-Transport-Security", "max-age=31536000; includeSubDomains"],
  ["X-Content-Type-Options", "nosniff"],
  ["X-Frame-Options", "DENY"],
];

export function setApiHeaders(res: ServerResponse): void {
  for (const [name, value] of API_HEADERS) res.setHeader(name, value);
}
