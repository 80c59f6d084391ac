import type { ProfilePatch, User } from "@kabinet/contracts";
import { eq, schema } from "@kabinet/db";

import { effectivePermissions } from "../access/permissions.ts";
import { profileChanges } from "../accounts/columns.ts";
import { findUserRow, toUser } from "../accounts/user-view.ts";
import { audit } from "../audit.ts";
import type { Context } from "../context.ts";
import { changedFields } from "../patch.ts";

const { users } = schema;

/** The account was read while authenticating this request; no second query. */
export function getMe(ctx: Context<"user">): User {
  return toUser(ctx.principal.account, ctx.principal.groups);
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

/** The caller's permissions, from the role and groups read while authenticating. */
export function myPermissions(ctx: Context<"user">): { permissions: string[] } {
  return { permissions: effectivePermissions(ctx.principal.role, ctx.principal.groups) };
}
