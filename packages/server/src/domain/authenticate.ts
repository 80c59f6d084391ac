import type { Operation } from "@kabinet/contracts";
import { and, eq, isNull, preparedPerDatabase, schema, sql } from "@kabinet/db";

import { DEVICE_KEY_PREFIX, hashSecret, SESSION_TOKEN_PREFIX } from "../infra/tokens.ts";
import { groupsOfUser } from "./access/memberships.ts";
import { hasPermission } from "./access/permissions.ts";
import { userViewColumns } from "./accounts/user-view.ts";
import type { DevicePrincipal, Principal } from "./context.ts";
import { AppError } from "./errors.ts";
import type { Services } from "./services.ts";

const ACTIVITY_RESOLUTION_MS = 60_000;

/** Recency is kept to the minute: a busy caller costs one write a minute, not one per request. */
export function isActivityStale(last: Date | null): boolean {
  return !last || Date.now() - last.getTime() > ACTIVITY_RESOLUTION_MS;
}

/** A session with its account and groups: what every authenticated request is checked against. */
const sessionColumns = {
  sessionId: schema.sessions.id,
  account: userViewColumns,
  groups: groupsOfUser,
  revokedAt: schema.sessions.revokedAt,
  expiresAt: schema.sessions.expiresAt,
};

/** The per-request lookups, prepared once per database: one of them runs on every authenticated call. */
const lookupsFor = preparedPerDatabase((db) => ({
  session: db
    .select(sessionColumns)
    .from(schema.sessions)
    .innerJoin(schema.users, eq(schema.users.id, schema.sessions.userId))
    .where(
      and(
        eq(schema.sessions.id, sql.placeholder("sid")),
        eq(schema.sessions.userId, sql.placeholder("userId")),
      ),
    )
    .prepare("authenticate_session"),
  sessionToken: db
    .select(sessionColumns)
    .from(schema.sessions)
    .innerJoin(schema.users, eq(schema.users.id, schema.sessions.userId))
    .where(eq(schema.sessions.tokenHash, sql.placeholder("tokenHash")))
    .prepare("authenticate_session_token"),
  device: db
    .select({
      id: schema.devices.id,
      slug: schema.devices.slug,
      requiredPermission: schema.devices.requiredPermission,
      lastSeenAt: schema.devices.lastSeenAt,
    })
    .from(schema.devices)
    .where(eq(schema.devices.keyHash, sql.placeholder("keyHash")))
    .prepare("authenticate_device"),
  // The session a web app's current (unspent) refresh token belongs to.
  refreshSession: db
    .select({ sessionId: schema.sessions.id, userId: schema.sessions.userId })
    .from(schema.refreshTokens)
    .innerJoin(schema.sessions, eq(schema.sessions.id, schema.refreshTokens.sessionId))
    .where(
      and(
        eq(schema.refreshTokens.tokenHash, sql.placeholder("tokenHash")),
        isNull(schema.refreshTokens.spentAt),
      ),
    )
    .prepare("authenticate_refresh_cookie"),
}));

function touchIfStale(services: Services, last: Date | null, write: () => Promise<unknown>): void {
  if (!isActivityStale(last)) return;
  void write().catch((error: unknown) =>
    services.log.warn({ err: error }, "activity update failed"),
  );
}

export interface Caller {
  principal: Principal | null;
  device: DevicePrincipal | null;
}

/**
 * What a request presents: a bearer token (an access token, a session token or a device key), or the web app's
 * session cookie (its current refresh token), which only older APIs that were used from a
 * signed-in browser accept. A bearer token wins when both are sent.
 */
export interface Credential {
  bearer?: string | undefined;
  sessionCookie?: string | undefined;
}

/**
 * Resolves a credential to the caller as the database has them now. A person's session must
 * be live and the account neither blocked nor deleted, so a logout or a block takes effect on
 * the very next request, whichever token of the session is presented; a device key must be the
 * device's current one, so a rotated or removed key stops at once. One indexed query per
 * request (two for a session cookie).
 */
export async function authenticate(services: Services, credential: Credential): Promise<Caller> {
  const { bearer, sessionCookie } = credential;
  if (bearer) {
    if (bearer.startsWith(DEVICE_KEY_PREFIX))
      return { principal: null, device: await authenticateDevice(services, bearer) };
    if (bearer.startsWith(SESSION_TOKEN_PREFIX))
      return { principal: await authenticateSessionToken(services, bearer), device: null };
    return { principal: await authenticatePerson(services, bearer), device: null };
  }
  if (sessionCookie)
    return { principal: await authenticateSessionCookie(services, sessionCookie), device: null };
  return { principal: null, device: null };
}

/** Reading with the cookie spends nothing: the refresh token still rotates only on refresh. */
async function authenticateSessionCookie(services: Services, refresh: string): Promise<Principal> {
  const [found] = await lookupsFor(services.db).refreshSession.execute({
    tokenHash: hashSecret(refresh),
  });
  if (!found) throw new AppError("session_revoked");
  return principalOfSession(services, found.sessionId, found.userId);
}

async function authenticateDevice(services: Services, key: string): Promise<DevicePrincipal> {
  const [device] = await lookupsFor(services.db).device.execute({ keyHash: hashSecret(key) });
  if (!device)
    throw new AppError("invalid_token", "The device key is not valid (rotated or removed?)");
  touchIfStale(services, device.lastSeenAt, () =>
    services.db
      .update(schema.devices)
      .set({ lastSeenAt: sql`now()` })
      .where(eq(schema.devices.id, device.id)),
  );
  return { id: device.id, slug: device.slug, requiredPermission: device.requiredPermission };
}

async function authenticatePerson(services: Services, bearer: string): Promise<Principal> {
  const claims = services.accessTokens.verify(bearer);
  const userId = claims ? Number(claims.sub) : NaN;
  if (!claims || !Number.isSafeInteger(userId)) throw new AppError("invalid_token");
  return principalOfSession(services, claims.sid, userId);
}

/** A session token names its session by hash: one lookup finds the session and its person. */
async function authenticateSessionToken(services: Services, token: string): Promise<Principal> {
  const [row] = await lookupsFor(services.db).sessionToken.execute({
    tokenHash: hashSecret(token),
  });
  if (!row) throw new AppError("invalid_token", "The session token is not valid");
  return livePrincipal(services, row);
}

/** The person of a session, when the session is live and the account may sign in. */
async function principalOfSession(
  services: Services,
  sessionId: string,
  userId: number,
): Promise<Principal> {
  const [row] = await lookupsFor(services.db).session.execute({ sid: sessionId, userId });
  return livePrincipal(services, row);
}

type SessionRow = Awaited<ReturnType<ReturnType<typeof lookupsFor>["session"]["execute"]>>[number];

/** The same checks for every way of naming a session: live, unexpired, the account allowed. */
function livePrincipal(services: Services, row: SessionRow | undefined): Principal {
  if (!row || row.revokedAt || row.expiresAt.getTime() <= Date.now())
    throw new AppError("session_revoked");
  const { account } = row;
  const userId = account.id;
  if (account.state === "blocked" || account.state === "deleted")
    throw new AppError("session_revoked");
  touchIfStale(services, account.lastActivityAt, () =>
    services.db
      .update(schema.users)
      .set({ lastActivityAt: sql`now()` })
      .where(eq(schema.users.id, userId)),
  );
  return {
    userId,
    sessionId: row.sessionId,
    role: account.role,
    state: account.state,
    passwordChangeRequired: account.passwordChangeRequired,
    groups: row.groups,
    account,
  };
}

/** The one access rule every operation goes through, on every surface. */
export function authorize(op: Operation, caller: Caller): void {
  if (caller.device) {
    if (!op.acceptsDeviceKey)
      throw new AppError("forbidden", "A device key may only resolve QR codes");
    return;
  }
  const { principal } = caller;
  if (op.auth === "public") return;
  if (!principal) throw new AppError("unauthorized");
  if (principal.passwordChangeRequired && !op.allowDuringPasswordChange) {
    throw new AppError("password_change_required");
  }
  if (op.auth === "super" && principal.role !== "super")
    throw new AppError("forbidden", "Only the super administrator may do this");
  if (op.permission && !hasPermission(principal.role, principal.groups, op.permission)) {
    throw new AppError("forbidden", `This needs the ${op.permission} permission`);
  }
}
