import { permissionCatalog, roleDefaultPermissions, type Role } from "@kabinet/contracts";

/** A group as it bears on access: what it grants its members. */
export interface GroupGrant {
  id: number;
  name: string;
  permissions: string[];
}

/**
 * The one rule for effective permissions: the role's defaults joined with every group's.
 * Super holds every permission, machine permissions included.
 */
export function hasPermission(
  role: Role,
  groups: readonly GroupGrant[],
  permission: string,
): boolean {
  if (role === "super") return true;
  if ((roleDefaultPermissions[role] as readonly string[]).includes(permission)) return true;
  return groups.some((group) => group.permissions.includes(permission));
}

/** Effective permissions as a sorted list, as users and admins see them. */
export function effectivePermissions(role: Role, groups: readonly GroupGrant[]): string[] {
  const names = new Set<string>(
    role === "super" ? Object.keys(permissionCatalog) : roleDefaultPermissions[role],
  );
  for (const group of groups) for (const name of group.permissions) names.add(name);
  return [...names].sort();
}
