import { eq, schema } from "@kabinet/db";

import { attemptKeys } from "../../infra/attempt-counters.ts";
import { passwordPolicyError } from "../accounts/password-policy.ts";
import { endUserSessions } from "../accounts/sessions.ts";
import { findUserRow } from "../accounts/user-view.ts";
import { audit, auditAlone } from "../audit.ts";
import type { Context } from "../context.ts";
import { AppError } from "../errors.ts";
import { rateLimited } from "../limits.ts";

/**
 * Replaces the caller's password after checking the current one; optionally ends their other
 * sessions. Clears a one-time password's expiry and the demand to change it.
 *
 * Checking the current password is a password guess like a sign-in: it is counted against the
 * same limits of the account (by its login) and address before the hash is verified, a wrong
 * one stays counted and is logged, a right one is given back. Whoever holds a stolen access
 * token cannot use it to guess the password faster than the sign-in form allows.
 */
export async function changePassword(
  ctx: Context<"user">,
  input: {
    password: string;
    new_password: string;
    end_other_sessions: boolean;
    user_id?: number | undefined;
  },
): Promise<void> {
  const { services, principal, client } = ctx;
  // Refused before the current password is checked: no answer about another account's password.
  if (input.user_id !== undefined && input.user_id !== principal.userId) {
    throw new AppError("forbidden", "You may change only your own password");
  }
  const row = await findUserRow(services.db, principal.userId);
  const keys = attemptKeys(row.login.toLowerCase(), client.ip, false);
  const reservation = await services.limits.login.reserve(keys);
  if (reservation.refused) throw rateLimited("passwordChange", reservation.refused);
  if (!(await services.passwords.verify(row.passwordHash, input.password))) {
    await auditAlone(services.db, client, {
      action: "user.password_change_failed",
      actorId: row.id,
      userId: row.id,
      details: { reason: "wrong_password" },
    });
    throw new AppError("wrong_password");
  }
  await services.limits.login.release(keys);
  const weak = passwordPolicyError(input.new_password, { login: row.login }, "new_password");
  if (weak) throw new AppError("validation_failed", weak.message, [weak]);
  if (input.new_password === input.password) {
    const message = "The new password must differ from the current one";
    throw new AppError("validation_failed", `new_password: ${message}`, [
      { field: "new_password", code: "password_unchanged", message },
    ]);
  }
  const passwordHash = await services.passwords.hash(input.new_password);
  await services.db.transaction(async (tx) => {
    await tx
      .update(schema.users)
      .set({ passwordHash, passwordChangeRequired: false, passwordExpiresAt: null })
      .where(eq(schema.users.id, row.id));
    const ended = input.end_other_sessions
      ? await endUserSessions(tx, row.id, "password_changed", principal.sessionId)
      : 0;
    await audit(tx, ctx.client, {
      action: "user.password_changed",
      actorId: row.id,
      userId: row.id,
      details: { ended_sessions: ended },
    });
  });
}
