import type { Role } from "../core/primitives.ts";
import { permissionsNotHeld } from "../groups/rules.ts";
import type { UserPermissions } from "../permissions/rules.ts";
import { AssignableRole } from "./schemas.ts";

/** Roles from lowest to highest. */
export const roleRank: Record<Role, number> = { user: 0, teacher: 1, admin: 2, super: 3 };

/**
 * The rank rule: one manages only accounts ranked below one's own. Admins manage users and
 * teachers, only the super manages admins, and nobody manages the super.
 */
export function outranks(actor: Role, target: Role): boolean {
  return roleRank[actor] > roleRank[target];
}

/** New accounts get a role below the creator's own. */
export function mayAssignRole(actor: Role, role: Role): boolean {
  return outranks(actor, role);
}

/** The roles a caller may give a new account, lowest first. */
export function assignableRoles(actor: Role): AssignableRole[] {
  return AssignableRole.options.filter((role) => mayAssignRole(actor, role));
}

/** Profile edits: one's own account, or one ranked below. */
export function mayEditAccount(
  actor: { id: number; role: Role },
  target: { id: number; role: Role },
): boolean {
  return actor.id === target.id || outranks(actor.role, target.role);
}

/**
 * Only the super changes roles (`users.setRole` is a super-only operation), and the super's
 * own role never changes.
 */
export function mayChangeRole(actor: Role, target: Role): boolean {
  return actor === "super" && outranks(actor, target);
}

/**
 * Setting someone's password is taking over their account, and with it everything they hold:
 * it needs the rank rule and every permission the account holds (its groups' included), so
 * no reset hands the actor a permission they did not have.
 */
export function mayTakeOver(
  actor: UserPermissions & { role: Role },
  target: UserPermissions & { role: Role },
): boolean {
  return (
    outranks(actor.role, target.role) && permissionsNotHeld(actor, target.permissions).length === 0
  );
}
