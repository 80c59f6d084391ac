import type { IncomingMessage } from "node:http";

import proxyAddr from "proxy-addr";

import type { Operation } from "@kabinet/contracts";

import { authenticate, authorize, type Credential } from "../domain/authenticate.ts";
import type { ClientInfo, Context, Handler } from "../domain/context.ts";
import { AppError } from "../domain/errors.ts";
import type { Services } from "../domain/services.ts";

/**
 * The caller's address and agent, the same way on every surface. `trustedProxies` hops of
 * X-Forwarded-For are believed (TRUST_PROXY); none by default. An address is at most 45
 * characters plus an interface zone, but a forwarded one is taken as written, so it is cut
 * to the 64 characters the API documents for the addresses it reports.
 */
export function clientInfo(req: IncomingMessage, trustedProxies: number): ClientInfo {
  const ip = req.socket.remoteAddress ? proxyAddr(req, (_addr, hop) => hop < trustedProxies) : null;
  return { ip: ip?.slice(0, 64) ?? null, userAgent: req.headers["user-agent"] ?? null };
}

/** The token of an `Authorization: Bearer <token>` header; undefined when none is sent. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new AppError("invalid_token", "Use the header `Authorization: Bearer <token>`");
  return match[1];
}

/**
 * Runs one operation for one request: authenticates, authorizes, calls the handler. Every
 * surface (REST, tRPC and the older APIs) goes through here, so access rules cannot differ
 * between them.
 */
export async function runOperation(
  services: Services,
  op: Operation,
  handler: Handler<Operation>,
  call: { credential: Credential; client: ClientInfo; input: unknown },
): Promise<unknown> {
  const caller = await authenticate(services, call.credential);
  authorize(op, caller);
  const ctx: Context = {
    services,
    principal: caller.principal,
    device: caller.device,
    client: call.client,
  };
  return handler(ctx, call.input);
}
