import {
  AssignableRole,
  roleRank,
  type PermissionName,
  type Role,
  type User,
} from "@kabinet/contracts";

export type { AssignableRole };

type Caller = Pick<User, "id" | "role" | "permissions">;
type Target = Pick<User, "id" | "role" | "state">;

/** The admin sections, each opened by one permission; the server checks the same one. */
export const adminSections = [
  { to: "/admin/users", permission: "users:read", label: "users" },
  { to: "/admin/groups", permission: "groups:manage", label: "groups" },
  { to: "/admin/logs", permission: "logs:read", label: "logs" },
  { to: "/admin/devices", permission: "devices:manage", label: "devices" },
] as const satisfies ReadonlyArray<{ to: string; permission: PermissionName; label: string }>;

export type AdminSection = (typeof adminSections)[number];

export function hasPermission(
  user: Pick<User, "permissions"> | undefined,
  permission: PermissionName,
): boolean {
  return user?.permissions.includes(permission) ?? false;
}

export function adminSectionsFor(user: Pick<User, "permissions"> | undefined): AdminSection[] {
  return adminSections.filter((section) => hasPermission(user, section.permission));
}

/** Roles a caller may give a new account: only those ranked below their own. */
export function assignableRoles(callerRole: Role): AssignableRole[] {
  return AssignableRole.options.filter((role) => roleRank[role] < roleRank[callerRole]);
}

function outranks(caller: Caller, target: Target): boolean {
  return roleRank[caller.role] > roleRank[target.role];
}

/** Block, reset the password of, or remove an account: the server's rank rule, shown in advance. */
export function mayManage(caller: Caller, target: Target): boolean {
  return (
    hasPermission(caller, "users:manage") && target.state !== "deleted" && outranks(caller, target)
  );
}

/** Edit the profile fields of an account: one's own, or one ranked below. */
export function mayEdit(caller: Caller, target: Target): boolean {
  if (!hasPermission(caller, "users:manage") || target.state === "deleted") return false;
  return caller.id === target.id || outranks(caller, target);
}

/** Only the super changes roles, and the super's own role never changes. */
export function mayChangeRole(caller: Caller, target: Target): boolean {
  return caller.role === "super" && target.role !== "super" && target.state !== "deleted";
}
