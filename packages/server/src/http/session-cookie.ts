import type { IncomingMessage, ServerResponse } from "node:http";

import type { Operation } from "@kabinet/contracts";

const SESSION_COOKIE = "kabinet_refresh";

function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return decodeURIComponent(value.join("="));
  }
  return undefined;
}

/** The web app's session cookie of a request (its current refresh token), if it sent one. */
export function sessionCookieOf(req: IncomingMessage): string | undefined {
  return readCookie(req, SESSION_COOKIE);
}

function setCookie(res: ServerResponse, value: string, maxAgeSeconds: number, secure: boolean) {
  const attributes = [
    `${SESSION_COOKIE}=${encodeURIComponent(value)}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Strict",
    `Max-Age=${maxAgeSeconds}`,
    ...(secure ? ["Secure"] : []),
  ];
  res.appendHeader("Set-Cookie", attributes.join("; "));
}

/**
 * The web app's session transport: the refresh token lives only in an httpOnly SameSite
 * cookie, never in page script. Applied around operations that declare `sessionCookie`.
 */
export function sessionCookieTransport(secure: boolean) {
  return {
    /** Fills `refresh_token` from the cookie when the body has none. */
    prepareInput(op: Operation, req: IncomingMessage, input: unknown): unknown {
      if (op.sessionCookie !== "read" && op.sessionCookie !== "read-clear") return input;
      const body = (input ?? {}) as { refresh_token?: string };
      return body.refresh_token
        ? body
        : { ...body, refresh_token: readCookie(req, SESSION_COOKIE) };
    },
    /** Moves a fresh refresh token into the cookie and out of the response body. */
    finishOutput(op: Operation, res: ServerResponse, output: unknown, failed: boolean): unknown {
      if (op.sessionCookie === "read-clear" || (failed && op.sessionCookie === "read")) {
        setCookie(res, "", 0, secure);
        return output;
      }
      if (failed || !op.sessionCookie) return output;
      const token = (output as { token?: TokenLike }).token ?? (output as TokenLike);
      if (typeof token.refresh_token !== "string" || !token.refresh_token) return output;
      setCookie(
        res,
        token.refresh_token,
        Math.max(0, token.expires - Math.floor(Date.now() / 1000)),
        secure,
      );
      token.refresh_token = "";
      return output;
    },
  };
}

interface TokenLike {
  refresh_token: string;
  expires: number;
}
