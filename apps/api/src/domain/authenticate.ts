import { roleRank, type Operation } from "@kabinet/contracts";
import { groupsOfUser } from "./access/memberships.ts";
import { hasPermission } from "./access/permissions.ts";
import { and, eq, schema, sql, type Database } from "@kabinet/db";
import type { Principal } from "./context.ts";
import { AppError } from "./errors.ts";
import type { Services } from "./services.ts";

const ACTIVITY_RESOLUTION_MS = 60_000;

/** The per-request lookup, prepared once per database: it runs on every authenticated call. */
function sessionLookup(db: Database) {
  return db
    .select({
      account: schema.users,
      groups: groupsOfUser,
      revokedAt: schema.sessions.revokedAt,
      expiresAt: schema.sessions.expiresAt,
    })
    .from(schema.sessions)
    .innerJoin(schema.users, eq(schema.users.id, schema.sessions.userId))
    .where(and(eq(schema.sessions.id, sql.placeholder("sid")), eq(schema.sessions.userId, sql.placeholder("userId"))))
    .prepare("authenticate_session");
}
const lookups = new WeakMap<Database, ReturnType<typeof sessionLookup>>();

/**
 * Resolves a bearer token to the caller as the database has them now: the session must be
 * live and the account neither blocked nor deleted, so a logout or a block takes effect on
 * the very next request. One indexed query per request.
 */
export async function authenticate(services: Services, bearer: string | undefined): Promise<Principal | null> {
  if (!bearer) return null;
  const claims = services.accessTokens.verify(bearer);
  const userId = claims ? Number(claims.sub) : NaN;
  if (!claims || !Number.isSafeInteger(userId)) throw new AppError("invalid_token");
  let lookup = lookups.get(services.db);
  if (!lookup) lookups.set(services.db, (lookup = sessionLookup(services.db)));
  const [row] = await lookup.execute({ sid: claims.sid, userId });
  if (!row || row.revokedAt || row.expiresAt.getTime() <= Date.now()) throw new AppError("session_revoked");
  const { account } = row;
  if (account.state === "blocked" || account.state === "deleted") throw new AppError("session_revoked");
  if (!account.lastActivityAt || Date.now() - account.lastActivityAt.getTime() > ACTIVITY_RESOLUTION_MS) {
    // Activity is kept to the minute, so a busy user costs one write a minute, not one per request.
    void services.db
      .update(schema.users)
      .set({ lastActivityAt: sql`now()` })
      .where(eq(schema.users.id, userId))
      .catch((error: unknown) => services.log.warn({ err: error }, "last activity update failed"));
  }
  return {
    userId,
    sessionId: claims.sid,
    role: account.role,
    state: account.state,
    passwordChangeRequired: account.passwordChangeRequired,
    groups: row.groups,
    account,
  };
}

/** The one access rule every operation goes through, on every surface. */
export function authorize(op: Operation, principal: Principal | null): void {
  if (op.auth === "public") return;
  if (!principal) throw new AppError("unauthorized");
  if (principal.passwordChangeRequired && !op.allowDuringPasswordChange) {
    throw new AppError("password_change_required");
  }
  const needed = op.auth === "user" ? "user" : op.auth;
  if (roleRank[principal.role] < roleRank[needed]) throw new AppError("forbidden");
  if (op.permission && !hasPermission(principal.role, principal.groups, op.permission)) {
    throw new AppError("forbidden", `This needs the ${op.permission} permission`);
  }
}
