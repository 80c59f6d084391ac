import type { Duplex } from "node:stream";

import { problem } from "./problem.ts";

/**
 * Answers a request node:http refuses before any handler runs (oversized headers, a malformed
 * request line) with a problem, not a bare status line. For the server's `clientError` event.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === "HPE_HEADER_OVERFLOW";
  const body = JSON.stringify(
    tooLarge
      ? problem("headers_too_large")
      : problem("validation_failed", "The HTTP request is malformed"),
  );
  socket.end(
    `HTTP/1.1 ${tooLarge ? "431 Request Header Fields Too Large" : "400 Bad Request"}\r\n` +
      `Content-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
