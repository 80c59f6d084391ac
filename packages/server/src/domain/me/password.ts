import { eq, schema } from "@kabinet/db";

import { passwordPolicyError } from "../accounts/password-policy.ts";
import { endUserSessions } from "../accounts/sessions.ts";
import { findUserRow } from "../accounts/user-view.ts";
import { audit } from "../audit.ts";
import type { Context } from "../context.ts";
import { AppError } from "../errors.ts";

/**
 * Replaces the caller's password after checking the current one; optionally ends their other
 * sessions. Clears a one-time password's expiry and the demand to change it.
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
  const { services, principal } = ctx;
  // Refused before the current password is checked: no answer about another account's password.
  if (input.user_id !== undefined && input.user_id !== principal.userId) {
    throw new AppError("forbidden", "You may change only your own password");
  }
  const row = await findUserRow(services.db, principal.userId);
  if (!(await services.passwords.verify(row.passwordHash, input.password))) {
    throw new AppError("wrong_password");
  }
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
