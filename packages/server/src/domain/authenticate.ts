import type { Operation } from "@kabinet/contracts";
import { and, eq, preparedPerDatabase, schema, sql } from "@kabinet/db";

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
 * Resolves a bearer token to the caller as the database has them now. A person's session must
 * be live and the account neither blocked nor deleted, so a logout or a block takes effect on
 * the very next request, whether the token is an access token of the session or its session
 * token; a device key must be the device's current one, so a rotated or removed key stops at
 * once. One indexed query per request.
 */
export async function authenticate(
  services: Services,
  bearer: string | undefined,
): Promise<Caller> {
  if (!bearer) return { principal: null, device: null };
  if (bearer.startsWith(DEVICE_KEY_PREFIX))
    return { principal: null, device: await authenticateDevice(services, bearer) };
  if (bearer.startsWith(SESSION_TOKEN_PREFIX))
    return { principal: await authenticateSessionToken(services, bearer), device: null };
  return { principal: await authenticatePerson(services, bearer), device: null };
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

type SessionRow = Awaited<ReturnType<ReturnType<typeof lookupsFor>["session"]["execute"]>>[number];

async function authenticatePerson(services: Services, bearer: string): Promise<Principal> {
  const claims = services.accessTokens.verify(bearer);
  const userId = claims ? Number(claims.sub) : NaN;
  if (!claims || !Number.isSafeInteger(userId)) throw new AppError("invalid_token");
  const [row] = await lookupsFor(services.db).session.execute({ sid: claims.sid, userId });
  return livePrincipal(services, row);
}

async function authenticateSessionToken(services: Services, token: string): Promise<Principal> {
  const [row] = await lookupsFor(services.db).sessionToken.execute({
    tokenHash: hashSecret(token),
  });
  if (!row) throw new AppError("invalid_token", "The session token is not valid");
  return livePrincipal(services, row);
}

/** The caller of a session found by its token, if the session and the account are live. */
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
