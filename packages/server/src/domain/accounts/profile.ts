import type { ProfilePatch, User } from "@kabinet/contracts";
import { eq, schema } from "@kabinet/db";

import { effectivePermissions } from "../access/permissions.ts";
import { audit } from "../audit.ts";
import type { Context } from "../context.ts";
import { AppError } from "../errors.ts";
import { passwordPolicyError } from "./password-policy.ts";
import { endUserSessions } from "./sessions.ts";
import { findUserRow, toUser, type UserRow } from "./user-view.ts";

const { users } = schema;

/** The account was read while authenticating this request; no second query. */
export async function getMe(ctx: Context<"user">): Promise<User> {
  return toUser(ctx.principal.account, ctx.principal.groups);
}

/** Column values of a profile patch; `undefined` leaves a column as it is, `null` clears it. */
export function profileChanges(
  patch: ProfilePatch,
  current: UserRow,
): Partial<typeof users.$inferInsert> {
  return {
    firstName: patch.first_name,
    lastName: patch.last_name,
    patronymic: patch.patronymic,
    birthday: patch.birthday,
    description: patch.description,
    backgroundColor: patch.background_color,
    displayName: patch.display_name,
    bio: patch.bio,
    phone: patch.phone,
    contacts: patch.contacts ? { ...current.contacts, ...patch.contacts } : undefined,
  };
}

export function changedFields(patch: object): string[] {
  return Object.entries(patch)
    .filter(([, value]) => value !== undefined)
    .map(([key]) => key);
}

export async function updateMe(ctx: Context<"user">, patch: ProfilePatch): Promise<User> {
  const { userId } = ctx.principal;
  return ctx.services.db.transaction(async (tx) => {
    const current = await findUserRow(tx, userId);
    const fields = changedFields(patch);
    if (fields.length === 0) return toUser(current, ctx.principal.groups);
    const [row] = await tx
      .update(users)
      .set(profileChanges(patch, current))
      .where(eq(users.id, userId))
      .returning();
    await audit(tx, ctx.client, {
      action: "user.profile_updated",
      actorId: userId,
      userId,
      details: { fields },
    });
    return toUser(row!, ctx.principal.groups);
  });
}

export async function changePassword(
  ctx: Context<"user">,
  input: { password: string; new_password: string; end_other_sessions: boolean },
): Promise<void> {
  const { services, principal } = ctx;
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
      .update(users)
      .set({ passwordHash, passwordChangeRequired: false, passwordExpiresAt: null })
      .where(eq(users.id, row.id));
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

export async function myPermissions(ctx: Context<"user">): Promise<{ permissions: string[] }> {
  return { permissions: effectivePermissions(ctx.principal.role, ctx.principal.groups) };
}
