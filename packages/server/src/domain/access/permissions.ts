import {
  effectivePermissions,
  type PermissionGrant,
  type Role,
  type UserPermissions,
} from "@kabinet/contracts";

/** The permission rules are the contracts' own, shared with the web app. */
export { effectivePermissions, hasPermission } from "@kabinet/contracts";

/** A group as it bears on access: what it grants its members. */
export interface GroupGrant extends PermissionGrant {
  id: number;
  name: string;
  permissions: string[];
}

/**
 * Someone as the contracts' rules read a user (and as the web app sees them): their role and
 * everything they hold through it and their groups.
 */
export function holderOf(who: { role: Role; groups: readonly GroupGrant[] }): UserPermissions {
  return { role: who.role, permissions: effectivePermissions(who.role, who.groups) };
}
