import { setTimeout as sleep } from "node:timers/promises";

import type { AuthResult, SignInInput } from "@kabinet/contracts";
import { eq, preparedPerDatabase, schema, sql, type Database } from "@kabinet/db";

import type { Config } from "../../config.ts";
import { attemptKeys } from "../../infra/attempt-counters.ts";
import { groupsOfUser } from "../access/memberships.ts";
import { audit, auditAlone, auditValues, type AuditEntry } from "../audit.ts";
import { isActivityStale } from "../authenticate.ts";
import type { Context } from "../context.ts";
import { AppError } from "../errors.ts";
import { rateLimited } from "../limits.ts";
import { newSession, startSession, type SessionOptions } from "./sessions.ts";
import { writeSignIn } from "./sign-in-statement.ts";
import { toUser } from "./user-view.ts";

const { users } = schema;

function accountBy(db: Database, column: typeof users.login | typeof users.email, name: string) {
  return db
    .select({ account: users, groups: groupsOfUser })
    .from(users)
    .where(sql`lower(${column}) = ${sql.placeholder("identifier")}`)
    .prepare(name);
}

/** The account reads of a sign-in, by login or by email, prepared once per database. */
const accountReadsFor = preparedPerDatabase((db) => ({
  byLogin: accountBy(db, users.login, "login_account_by_login"),
  byEmail: accountBy(db, users.email, "login_account_by_email"),
}));

/**
 * Writes the new session, its first refresh token and the audit entry, and the last activity
 * when `touch` (it is kept to the minute, as on every request). Returns the new last activity,
 * or null when the stored one still stands.
 */
async function signIn(
  ctx: Context<"public">,
  userId: number,
  touch: boolean,
  options: SessionOptions,
) {
  const { services, client } = ctx;
  const entry: AuditEntry = { action: "auth.login", actorId: userId, userId };
  if (services.config.FAST_SIGN_IN) {
    const rows = newSession(services, userId, client, options);
    const lastActivityAt = await writeSignIn(services.db, rows, auditValues(client, entry), touch);
    return { token: rows.token, lastActivityAt };
  }
  return services.db.transaction(async (tx) => {
    const token = await startSession(services, tx, userId, client, options);
    await audit(tx, client, entry);
    if (!touch) return { token, lastActivityAt: null };
    const [touched] = await tx
      .update(users)
      .set({ lastActivityAt: sql`now()` })
      .where(eq(users.id, userId))
      .returning({ lastActivityAt: users.lastActivityAt });
    return { token, lastActivityAt: touched?.lastActivityAt ?? null };
  });
}

/**
 * The account-wide slow-down: once an account has more failed sign-ins in the hour than
 * LOGIN_FAILS_PER_ACCOUNT_PER_HOUR, from whatever addresses, each attempt waits 250 ms more
 * per failure past it, doubling, up to LOGIN_ACCOUNT_MAX_DELAY_MS. It never locks, so a
 * stranger's guessing cannot keep the owner out; `earlier` counts the attempts before this one.
 */
export function accountDelayMs(config: Config, earlier: number): number {
  const over = earlier - config.LOGIN_FAILS_PER_ACCOUNT_PER_HOUR;
  if (over <= 0) return 0;
  return Math.min(config.LOGIN_ACCOUNT_MAX_DELAY_MS, 250 * 2 ** Math.min(over - 1, 16));
}

/**
 * Signs in by login or email. Unknown accounts still cost one hash verification, and every
 * wrong answer is the same `invalid_credentials`, so neither timing nor text reveals accounts.
 *
 * The attempt is counted before the password is verified, in the statement that would refuse
 * it (infra/attempt-counters.ts), so parallel attempts cannot verify more passwords than the
 * limits allow; a right password gives it back.
 */
export async function login(ctx: Context<"public">, input: SignInInput): Promise<AuthResult> {
  const { services, client } = ctx;
  const byLogin = "login" in input;
  const identifier = (byLogin ? input.login : input.email).toLowerCase();
  const reads = accountReadsFor(services.db);
  const keys = attemptKeys(identifier, client.ip, true);
  // Independent: counting the attempt and reading the account, in one round trip's wait.
  const [reservation, [found]] = await Promise.all([
    services.limits.login.reserve(keys),
    (byLogin ? reads.byLogin : reads.byEmail).execute({ identifier }),
  ]);
  if (reservation.refused) throw rateLimited("login", reservation.refused);
  const row = found?.account;
  // A browser that signed in to this account before is spared what strangers' failures cause.
  const knownDevice = !!row && services.deviceCookies.validFor(client.deviceCookie, row.id);
  const delay = knownDevice ? 0 : accountDelayMs(services.config, reservation.accountAttempts - 1);
  if (delay > 0) await sleep(delay);
  const passwordOk =
    row && row.state !== "deleted"
      ? await services.passwords.verify(row.passwordHash, input.password)
      : (await services.passwords.verifyDummy(input.password), false);

  if (!row || !passwordOk) {
    // The attempt stays counted: it was a failure.
    await auditAlone(services.db, client, {
      action: "auth.login_failed",
      userId: row?.id ?? null,
      details: { identifier },
    });
    throw new AppError("invalid_credentials");
  }
  const released = services.limits.login.release(keys);
  // A right password to an account that may not sign in: the attempt is given back (the
  // password was right), and the refusal is audited with its reason.
  const refuse = async (reason: string, error: AppError): Promise<never> => {
    await Promise.all([
      released,
      auditAlone(services.db, client, {
        action: "auth.login_failed",
        userId: row.id,
        details: { reason },
      }),
    ]);
    throw error;
  };
  if (row.passwordExpiresAt && row.passwordExpiresAt.getTime() <= Date.now()) {
    await refuse(
      "one_time_password_expired",
      new AppError(
        "invalid_credentials",
        "The one-time password has expired; ask an administrator for a new one",
      ),
    );
  }
  if (row.state === "blocked") await refuse("blocked", new AppError("account_blocked"));

  const [, signedIn] = await Promise.all([
    released,
    signIn(ctx, row.id, isActivityStale(row.lastActivityAt), {
      sessionToken: input.issue_session_token,
    }),
  ]);
  const lastActivityAt = signedIn.lastActivityAt ?? row.lastActivityAt;
  return { user: toUser({ ...row, lastActivityAt }, found.groups), token: signedIn.token };
}
