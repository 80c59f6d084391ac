import type { Role } from "../core/primitives.ts";
import { permissionCatalog, roleDefaultPermissions } from "./catalog.ts";

/** Something that grants its members permissions beyond their role's defaults: a group. */
export interface PermissionGrant {
  readonly permissions: readonly string[];
}

/**
 * The one rule for permissions: the role's defaults joined with every group's. The super holds
 * every permission, machine permissions included.
 */
export function hasPermission(
  role: Role,
  grants: readonly PermissionGrant[],
  permission: string,
): boolean {
  if (role === "super") return true;
  if ((roleDefaultPermissions[role] as readonly string[]).includes(permission)) return true;
  return grants.some((grant) => grant.permissions.includes(permission));
}

/**
 * Effective permissions as a sorted list, as users and admins see them. For the super it is
 * the whole catalogue: machine permissions are held without being listed.
 */
export function effectivePermissions(role: Role, grants: readonly PermissionGrant[]): string[] {
  const names = new Set<string>(
    role === "super" ? Object.keys(permissionCatalog) : roleDefaultPermissions[role],
  );
  for (const grant of grants) for (const name of grant.permissions) names.add(name);
  return [...names].sort();
}

/** A user as the API reports them: their effective permissions, and their role when known. */
export interface UserPermissions {
  readonly role?: Role;
  readonly permissions: readonly string[];
}

/**
 * The same rule read from what the API reports (`User.permissions`, `GET /me/permissions`):
 * the list already joins role and groups; the super holds the machine permissions it leaves out.
 */
export function userHasPermission(user: UserPermissions, permission: string): boolean {
  return user.role === "super" || user.permissions.includes(permission);
}
