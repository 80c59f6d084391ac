import type { Role } from "./schemas/primitives.ts";

/** The permission catalogue. Machine permissions (`device:<slug>:use`) are added per device. */
export const permissionCatalog = {
  "profile:edit": "Edit one's own profile",
  "users:read": "See users' private profiles",
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
  teacher: ["profile:edit", "events:create", "events:mark", "news:write", "users:read"],
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

export const roleRank: Record<Role, number> = { user: 0, teacher: 1, admin: 2, super: 3 };
