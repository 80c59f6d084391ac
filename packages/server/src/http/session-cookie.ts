import type { IncomingMessage, ServerResponse } from "node:http";

import type { Operation } from "@kabinet/contracts";

import type { DeviceCookies } from "../infra/device-cookies.ts";

/**
 * The cookies' names. Served over https (production), they take the `__Host-` prefix: the
 * browser then keeps them only if they are Secure, for Path=/ and without a Domain, so no
 * sibling host and no plain-http page can plant or overwrite them.
 */
function cookieNames(secure: boolean) {
  const prefix = secure ? "__Host-" : "";
  return { session: `${prefix}kabinet_refresh`, device: `${prefix}kabinet_device` };
}

function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key !== name) continue;
    try {
      return decodeURIComponent(value.join("="));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The web app's session cookie of a request (its current refresh token), if it sent one. */
export function sessionCookieOf(req: IncomingMessage, secure: boolean): string | undefined {
  return readCookie(req, cookieNames(secure).session);
}

function setCookie(
  res: ServerResponse,
  name: string,
  value: string,
  maxAgeSeconds: number,
  secure: boolean,
) {
  const attributes = [
    `${name}=${encodeURIComponent(value)}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Strict",
    `Max-Age=${maxAgeSeconds}`,
    ...(secure ? ["Secure"] : []),
  ];
  res.appendHeader("Set-Cookie", attributes.join("; "));
}

/** Drops the web app's session cookie (its session has ended). */
export function clearSessionCookie(res: ServerResponse, secure: boolean): void {
  setCookie(res, cookieNames(secure).session, "", 0, secure);
}

/**
 * The device cookie (infra/device-cookies.ts), on both surfaces: read into the caller's
 * client information, and set after every operation that signs in (`sessionCookie: "issue"`).
 */
export function deviceCookieTransport(secure: boolean, devices: DeviceCookies) {
  const { device } = cookieNames(secure);
  return {
    read: (req: IncomingMessage): string | undefined => readCookie(req, device),
    /** Sets a fresh cookie for the account an operation's output signed in to. */
    issue(op: Operation, res: ServerResponse, output: unknown): void {
      if (op.sessionCookie !== "issue" || res.headersSent) return;
      const userId = (output as { user?: { id?: unknown } } | undefined)?.user?.id;
      if (typeof userId !== "number") return;
      setCookie(res, device, devices.issue(userId), devices.maxAgeSeconds, secure);
    },
  };
}

/**
 * The web app's session transport: the refresh token lives only in an httpOnly SameSite
 * cookie, never in page script. Applied around operations that declare `sessionCookie`.
 */
export function sessionCookieTransport(secure: boolean) {
  const { session } = cookieNames(secure);
  return {
    /** Fills `refresh_token` from the cookie when the body has none. */
    prepareInput(op: Operation, req: IncomingMessage, input: unknown): unknown {
      if (op.sessionCookie !== "read" && op.sessionCookie !== "read-clear") return input;
      const body = (input ?? {}) as { refresh_token?: string };
      return body.refresh_token ? body : { ...body, refresh_token: readCookie(req, session) };
    },
    /** Moves a fresh refresh token into the cookie and out of the response body. */
    finishOutput(op: Operation, res: ServerResponse, output: unknown, failed: boolean): unknown {
      if (op.sessionCookie === "read-clear" || (failed && op.sessionCookie === "read")) {
        setCookie(res, session, "", 0, secure);
        return output;
      }
      if (failed || !op.sessionCookie) return output;
      const token = (output as { token?: TokenLike }).token ?? (output as TokenLike);
      if (typeof token.refresh_token !== "string" || !token.refresh_token) return output;
      setCookie(
        res,
        session,
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
