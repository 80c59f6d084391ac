import type { GroupHandlers } from "../context.ts";
import { permissionCatalogue } from "./catalogue.ts";

/** The catalogue of permissions that roles, groups and devices refer to. */
export const permissionsHandlers: GroupHandlers<"permissions"> = {
  list: permissionCatalogue,
};
