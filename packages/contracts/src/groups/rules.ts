import {
  userHasPermission,
  type PermissionGrant,
  type UserPermissions,
} from "../permissions/rules.ts";

/** Of the given permissions, those the actor does not hold, in the order given. */
export function permissionsNotHeld(
  actor: UserPermissions,
  permissions: readonly string[],
): string[] {
  return permissions.filter((name) => !userHasPermission(actor, name));
}

/**
 * The rule against raising oneself through groups: a group that grants anything the actor
 * does not hold is read-only to them — no edits, no member changes (their own included), no
 * delete — and a group may be given only permissions the actor holds. Machine permissions
 * (`device:<slug>:use`) count like any other: joining a machine's group is being granted its
 * use. So managing groups hands out only what one already holds, and the super, holding
 * everything, may change every group.
 */
export function mayChangeGroup(actor: UserPermissions, group: PermissionGrant): boolean {
  return permissionsNotHeld(actor, group.permissions).length === 0;
}
