import { roleRank, type Role } from "@kabinet/contracts";

import type { Principal } from "../context.ts";
import { AppError } from "../errors.ts";

/**
 * The rank rules of SPEC §4, in one place. A caller manages only accounts ranked below their
 * own: admins manage users and teachers, only super manages admins, and nobody manages the super.
 */
export function assertOutranks(
  actor: Principal,
  target: { id: number; role: Role },
  action: string,
): void {
  if (roleRank[actor.role] > roleRank[target.role]) return;
  const whom =
    target.role === "super" ? "the super administrator" : `an account with the role ${target.role}`;
  throw new AppError("forbidden", `You may not ${action} ${whom}`);
}

/** New accounts get a role below the creator's own. */
export function assertMayAssign(actor: Principal, role: Role): void {
  if (roleRank[role] < roleRank[actor.role]) return;
  throw new AppError("forbidden", `You may not create an account with the role ${role}`);
}

/** Profile edits: the rank rule, or one's own account. */
export function assertMayEdit(actor: Principal, target: { id: number; role: Role }): void {
  if (actor.userId === target.id) return;
  assertOutranks(actor, target, "edit");
}
