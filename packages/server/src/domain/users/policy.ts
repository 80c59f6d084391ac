import {
  mayAssignRole,
  mayEditAccount,
  mayTakeOver,
  outranks,
  permissionsNotHeld,
  type Role,
} from "@kabinet/contracts";

import { effectivePermissions, type GroupGrant } from "../access/permissions.ts";
import type { Principal } from "../context.ts";
import { AppError } from "../errors.ts";

/** A refusal that says what the caller may not do, and to whom. */
function refuse(action: string, target: { role: Role }): never {
  const whom =
    target.role === "super" ? "the super administrator" : `an account with the role ${target.role}`;
  throw new AppError("forbidden", `You may not ${action} ${whom}`);
}

/**
 * The rank rule, shared with the web app: admins manage users and teachers, only super
 * manages admins, and nobody manages the super.
 */
export function assertOutranks(
  actor: Principal,
  target: { id: number; role: Role },
  action: string,
): void {
  if (!outranks(actor.role, target.role)) refuse(action, target);
}

/** New accounts get a role below the creator's own. */
export function assertMayAssign(actor: Principal, role: Role): void {
  if (mayAssignRole(actor.role, role)) return;
  throw new AppError("forbidden", `You may not create an account with the role ${role}`);
}

/** Profile edits: the rank rule, or one's own account. */
export function assertMayEdit(actor: Principal, target: { id: number; role: Role }): void {
  if (!mayEditAccount({ id: actor.userId, role: actor.role }, target)) refuse("edit", target);
}

/** Taking over an account (setting its password): the rank rule and all it holds. */
export function assertMayTakeOver(
  actor: Principal,
  target: { id: number; role: Role; groups: GroupGrant[] },
): void {
  assertOutranks(actor, target, "reset the password of");
  const mine = { role: actor.role, permissions: effectivePermissions(actor.role, actor.groups) };
  const theirs = {
    role: target.role,
    permissions: effectivePermissions(target.role, target.groups),
  };
  if (mayTakeOver(mine, theirs)) return;
  throw new AppError(
    "forbidden",
    `You may not reset the password of an account holding permissions you do not: ${permissionsNotHeld(mine, theirs.permissions).join(", ")}`,
  );
}
