import { and, eq, preparedPerDatabase, schema, sql, type Database } from "@kabinet/db";

import type { auditValues } from "../audit.ts";
import type { NewSession } from "./sessions.ts";

/**
 * A sign-in's writes in one statement: the session, its first refresh token, the audit entry
 * and, when it is stale, the account's last activity. One statement is atomic in one round
 * trip, where a transaction takes one for BEGIN, one per write and one for COMMIT.
 *
 * Written against drizzle-orm 0.45.4 on PostgreSQL. It relies on drizzle rendering an insert
 * given to `$with(…).as(…)` as a data-modifying CTE ahead of the update, and on PostgreSQL
 * running such CTEs to completion even when the update itself changes no row (last activity
 * still fresh). Its rows are those `startSession` and `audit` write, made by the same
 * `newSession` and `auditValues`. test/sign-in.test.ts checks that both ways of signing in
 * write the same rows, a second sign-in within the minute included. FAST_SIGN_IN=false signs
 * in through `startSession` and `audit` in a transaction instead.
 */
const statementFor = preparedPerDatabase((db) => {
  const { users, sessions, refreshTokens, auditLog } = schema;
  const placeholder = (name: string) => sql.placeholder(name);
  const session = db.$with("new_session").as(
    db
      .insert(sessions)
      .values({
        id: placeholder("sessionId"),
        userId: placeholder("userId"),
        ip: placeholder("sessionIp"),
        userAgent: placeholder("sessionUserAgent"),
        expiresAt: placeholder("expiresAt"),
        tokenHash: placeholder("sessionTokenHash"),
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
        userId: placeholder("auditUserId"),
        ip: placeholder("ip"),
        userAgent: placeholder("userAgent"),
        details: placeholder("details"),
      })
      .returning({ id: auditLog.id }),
  );
  return db
    .with(session, refresh, entry)
    .update(users)
    .set({ lastActivityAt: sql`now()` })
    .where(and(eq(users.id, placeholder("userId")), sql`${placeholder("touch")}::boolean`))
    .returning({ lastActivityAt: users.lastActivityAt })
    .prepare("sign_in");
});

/** Writes a new session and its audit entry; returns the new last activity if it was touched. */
export async function writeSignIn(
  db: Database,
  rows: NewSession,
  entry: ReturnType<typeof auditValues>,
  touch: boolean,
): Promise<Date | null> {
  const { session, refreshToken } = rows;
  const [touched] = await statementFor(db).execute({
    sessionId: session.id,
    userId: session.userId,
    sessionIp: session.ip,
    sessionUserAgent: session.userAgent,
    expiresAt: session.expiresAt,
    sessionTokenHash: session.tokenHash,
    refreshHash: refreshToken.tokenHash,
    touch,
    action: entry.action,
    actorId: entry.actorId,
    auditUserId: entry.userId,
    ip: entry.ip,
    userAgent: entry.userAgent,
    details: entry.details,
  });
  return touched?.lastActivityAt ?? null;
}
