import { auth } from "./auth.ts";
import { devices, qr, settings } from "./devices.ts";
import { groups, permissions } from "./groups.ts";
import { logs } from "./logs.ts";
import { me } from "./me.ts";
import { users } from "./users.ts";

/**
 * The API: every operation of Kabinet, by group. REST routes, OpenAPI, the tRPC router and
 * the SDK are all derived from this table.
 */
export const operations = {
  auth,
  me,
  users,
  groups,
  permissions,
  logs,
  devices,
  qr,
  settings,
} as const;
export type Operations = typeof operations;
