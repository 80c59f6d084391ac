import type { ServerResponse } from "node:http";

/**
 * Powerful browser features no page of Kabinet uses, denied to every page and frame: the site
 * (its scan page reads codes typed or pasted, not from the camera) and the API alike.
 */
export const PERMISSIONS_POLICY = [
  "accelerometer",
  "camera",
  "display-capture",
  "geolocation",
  "gyroscope",
  "hid",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "serial",
  "usb",
]
  .map((feature) => `${feature}=()`)
  .join(", ");

/**
 * Headers on every API answer (REST and tRPC), after the OWASP REST Security Cheat Sheet.
 * API answers are JSON for programs, never rendered as pages, and personal: none of them may
 * be cached or framed. Helmet's fuller set is for the site (web app, docs, images).
 */
const API_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ["Cache-Control", "no-store"],
  ["Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"],
  ["Cross-Origin-Resource-Policy", "same-origin"],
  ["Permissions-Policy", PERMISSIONS_POLICY],
  ["Strict-Transport-Security", "max-age=31536000; includeSubDomains"],
  ["X-Content-Type-Options", "nosniff"],
  ["X-Frame-Options", "DENY"],
];

export function setApiHeaders(res: ServerResponse): void {
  for (const [name, value] of API_HEADERS) res.setHeader(name, value);
}
