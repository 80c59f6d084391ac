import { defineOperations } from "../core/operation.ts";
import { NoInput } from "../core/primitives.ts";
import { ServerSettings } from "./schemas.ts";

/** Deployment-wide switches an admin can change at run time. */
export const settings = defineOperations({
  get: {
    method: "GET",
    path: "/settings",
    summary: "Server settings",
    auth: "user",
    permission: "devices:manage",
    input: NoInput,
    output: ServerSettings,
    errors: [],
  },
  update: {
    method: "PATCH",
    path: "/settings",
    summary: "Change server settings",
    auth: "user",
    permission: "devices:manage",
    input: ServerSettings.partial(),
    output: ServerSettings,
    errors: [],
  },
});
