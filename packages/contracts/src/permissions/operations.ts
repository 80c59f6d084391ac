import { defineOperations } from "../core/operation.ts";
import { NoInput } from "../core/primitives.ts";
import { PermissionCatalogue } from "./schemas.ts";

/** The catalogue of what groups can grant. */
export const permissions = defineOperations({
  list: {
    method: "GET",
    path: "/permissions",
    summary: "The permission catalogue",
    description:
      "Every permission a group can grant, including `device:<slug>:use` for each registered device.",
    auth: "user",
    permission: "groups:manage",
    input: NoInput,
    output: PermissionCatalogue,
    errors: [],
  },
});
