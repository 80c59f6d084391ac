import type { PermissionGrant } from "@kabinet/contracts";

/** The permission rules are the contracts' own, shared with the web app. */
export { effectivePermissions, hasPermission } from "@kabinet/contracts";

/** A group as it bears on access: what it grants its members. */
export interface GroupGrant extends PermissionGrant {
  id: number;
  name: string;
  permissions: string[];
}
