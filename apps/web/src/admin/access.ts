import {
  mayEditAccount,
  mayTakeOver,
  outranks,
  mayChangeRole as rankAllowsRoleChange,
  userHasPermission,
  type PermissionName,
  type User,
  type UserPermissions,
} from "@kabinet/contracts";

/** The rank and permission rules are the contracts' own, the ones the server enforces. */
export { assignableRoles, type AssignableRole } from "@kabinet/contracts";

type Caller = Pick<User, "id" | "role" | "permissions">;
type Target = Pick<User, "id" | "role" | "state">;

/**
 * The admin sections, each opened by one permission; the server checks the same one. `label` is
 * the key of the link's text.
 */
export const adminSections = [
  { to: "/admin/users", permission: "users:read", label: "nav.users" },
  { to: "/admin/groups", permission: "groups:manage", label: "nav.groups" },
  { to: "/admin/logs", permission: "logs:read", label: "nav.logs" },
  { to: "/admin/devices", permission: "devices:manage", label: "nav.devices" },
  { to: "/admin/confirmations", permission: "confirmations:review", label: "reviewQueue.nav" },
] as const satisfies ReadonlyArray<{ to: string; permission: PermissionName; label: string }>;

export type AdminSection = (typeof adminSections)[number];

export function hasPermission(
  user: UserPermissions | undefined,
  permission: PermissionName,
): boolean {
  return user ? userHasPermission(user, permission) : false;
}

export function adminSectionsFor(user: UserPermissions | undefined): AdminSection[] {
  return adminSections.filter((section) => hasPermission(user, section.permission));
}

/** Block, reset the password of, or remove an account: the server's rank rule, shown in advance. */
export function mayManage(caller: Caller, target: Target): boolean {
  return (
    hasPermission(caller, "users:manage") &&
    target.state !== "deleted" &&
    outranks(caller.role, target.role)
  );
}

/** Reset the password: managing it, and holding everything the account holds. */
export function mayResetPassword(
  caller: Caller,
  target: Target & Pick<User, "permissions">,
): boolean {
  return mayManage(caller, target) && mayTakeOver(caller, target);
}

/** Edit the profile fields of an account: one's own, or one ranked below. */
export function mayEdit(caller: Caller, target: Target): boolean {
  if (!hasPermission(caller, "users:manage") || target.state === "deleted") return false;
  return mayEditAccount(caller, target);
}

/** Only the super changes roles, and the super's own role never changes. */
export function mayChangeRole(caller: Caller, target: Target): boolean {
  return target.state !== "deleted" && rankAllowsRoleChange(caller.role, target.role);
}
