import type { AuthResult, LoginInput } from "@kabinet/contracts";
import { and, eq, preparedPerDatabase, schema, sql, type Database } from "@kabinet/db";

import { groupsOfUser } from "../access/memberships.ts";
import { auditAlone, auditValues } from "../audit.ts";
import { isActivityStale } from "../authenticate.ts";
import type { ClientInfo, Context } from "../context.ts";
import { AppError } from "../errors.ts";
import { newSession } from "./sessions.ts";
import { toUser } from "./user-view.ts";

const { users, sessions, refreshTokens, auditLog } = schema;
const placeholder = (name: string) => sql.placeholder(name);

function accountBy(db: Database, column: typeof users.login | typeof users.email, name: string) {
  return db
    .select({ account: users, groups: groupsOfUser })
    .from(users)
    .where(sql`lower(${column}) = ${placeholder("identifier")}`)
    .prepare(name);
}

/**
 * A sign-in's reads and its one write, prepared once per database. The write is a single
 * statement (session, first refresh token, audit entry, last activity), so it is atomic
 * without a transaction's extra round trips. Last activity is kept to the minute, as on every
 * request: the account row changes (and all its indexes, the trigram one included, with it)
 * at most once a minute.
 */
const statementsFor = preparedPerDatabase((db) => {
  const session = db.$with("new_session").as(
    db
      .insert(sessions)
      .values({
        id: placeholder("sessionId"),
        userId: placeholder("userId"),
        ip: placeholder("ip"),
        userAgent: placeholder("userAgent"),
        expiresAt: placeholder("expiresAt"),
      })
      .returning({ id: sessions.id }),
  );
  const refresh = db.$with("new_refresh_token").as(
    db
      .insert(refreshTokens)
      .values({ tokenHash: placeholder("refreshHash"), sessionId: placeholder("sessionId") })
      .returning({ tokenHash: refreshTokens.tokenHash }),
  );
  const entry = db.$with("audit_entry").as(
    db
      .insert(auditLog)
      .values({
        action: placeholder("action"),
        actorId: placeholder("actorId"),
        userId: placeholder("userId"),
        ip: placeholder("ip"),
        userAgent: placeholder("userAgent"),
        details: placeholder("details"),
      })
      .returning({ id: auditLog.id }),
  );
  return {
    byLogin: accountBy(db, users.login, "login_account_by_login"),
    byEmail: accountBy(db, users.email, "login_account_by_email"),
    signIn: db
      .with(session, refresh, entry)
      .update(users)
      .set({ lastActivityAt: sql`now()` })
      .where(and(eq(users.id, placeholder("userId")), sql`${placeholder("touch")}::boolean`))
      .returning({ lastActivityAt: users.lastActivityAt })
      .prepare("sign_in"),
  };
});

/** Returns the new last activity, or null when the stored one still stands. */
async function signIn(ctx: Context<"public">, userId: number, touch: boolean, client: ClientInfo) {
  const session = newSession(ctx.services, userId);
  const { action, actorId, ip, userAgent, details } = auditValues(client, {
    action: "auth.login",
    actorId: userId,
    userId,
  });
  const [touched] = await statementsFor(ctx.services.db).signIn.execute({
    sessionId: session.id,
    userId,
    touch,
    expiresAt: session.expiresAt,
    refreshHash: session.refreshHash,
    action,
    actorId,
    ip,
    userAgent,
    details,
  });
  return { token: session.token, lastActivityAt: touched?.lastActivityAt ?? null };
}

/**
 * Signs in by login or email. Unknown accounts still cost one hash verification, and every
 * wrong answer is the same `invalid_credentials`, so neither timing nor text reveals accounts.
 */
export async function login(ctx: Context<"public">, input: LoginInput): Promise<AuthResult> {
  const { services, client } = ctx;
  const byLogin = "login" in input;
  const identifier = (byLogin ? input.login : input.email).toLowerCase();
  const prepared = statementsFor(services.db);
  // Independent reads: the lock check and the account, in one round trip's wait.
  const [attempt, [found]] = await Promise.all([
    services.limits.login.begin(identifier, client.ip),
    (byLogin ? prepared.byLogin : prepared.byEmail).execute({ identifier }),
  ]);
  const row = found?.account;
  const passwordOk =
    row && row.state !== "deleted"
      ? await services.passwords.verify(row.passwordHash, input.password)
      : (await services.passwords.verifyDummy(input.password), false);

  if (!row || !passwordOk) {
    await attempt.failed();
    await auditAlone(services.db, client, {
      action: "auth.login_failed",
      userId: row?.id ?? null,
      details: { identifier },
    });
    throw new AppError("invalid_credentials");
  }
  if (row.passwordExpiresAt && row.passwordExpiresAt.getTime() <= Date.now()) {
    await auditAlone(services.db, client, {
      action: "auth.login_failed",
      userId: row.id,
      details: { reason: "one_time_password_expired" },
    });
    throw new AppError(
      "invalid_credentials",
      "The one-time password has expired; ask an administrator for a new one",
    );
  }
  if (row.state === "blocked") {
    await auditAlone(services.db, client, {
      action: "auth.login_failed",
      userId: row.id,
      details: { reason: "blocked" },
    });
    throw new AppError("account_blocked");
  }

  const [, signedIn] = await Promise.all([
    attempt.succeeded(),
    signIn(ctx, row.id, isActivityStale(row.lastActivityAt), client),
  ]);
  const lastActivityAt = signedIn.lastActivityAt ?? row.lastActivityAt;
  return { user: toUser({ ...row, lastActivityAt }, found.groups), token: signedIn.token };
}
