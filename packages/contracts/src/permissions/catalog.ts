import type { Role } from "../core/primitives.ts";

/** The permission catalogue. Machine permissions (`device:<slug>:use`) are added per device. */
export const permissionCatalog = {
  "profile:edit": "Edit one's own profile",
  "users:read": "List and look up users, their groups and permissions",
  "users:manage": "Create, edit, block and remove users",
  "groups:manage": "Create groups and change their members and permissions",
  "logs:read": "Read and export the audit log",
  "devices:manage": "Register devices and rotate their keys",
  "events:create": "Create events",
  "events:mark": "Mark attendance at any event",
  "news:write": "Publish and edit news",
} as const;

export type PermissionName = keyof typeof permissionCatalog;

/** What each role holds by default; `super` holds every permission. */
export const roleDefaultPermissions: Record<Exclude<Role, "super">, PermissionName[]> = {
  user: ["profile:edit", "events:create"],
  teacher: ["profile:edit", "events:create", "events:mark", "news:write"],
  admin: [
    "profile:edit",
    "events:create",
    "events:mark",
    "news:write",
    "users:read",
    "users:manage",
    "groups:manage",
    "logs:read",
    "devices:manage",
  ],
};

/** Slugs name devices in URLs and in their permission `device:<slug>:use`. */
export const DEVICE_SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/;

/** The machine permission a device requires unless it is given another. */
export function devicePermission(slug: string): string {
  return `device:${slug}:use`;
}

/** The device slug of a machine permission (`device:<slug>:use`); null for other names. */
export function deviceOfPermission(name: string): string | null {
  if (!name.startsWith("device:") || !name.endsWith(":use")) return null;
  const slug = name.slice(7, -4);
  return DEVICE_SLUG_PATTERN.test(slug) ? slug : null;
}

/** Whether a name is a permission: one of the catalogue, or a machine permission. */
export function isPermissionName(name: string): boolean {
  return name in permissionCatalog || deviceOfPermission(name) !== null;
}
