import { auth } from "./auth/operations.ts";
import { devices } from "./devices/operations.ts";
import { friends } from "./friends/operations.ts";
import { groups } from "./groups/operations.ts";
import { logs } from "./logs/operations.ts";
import { me } from "./me/operations.ts";
import { permissions } from "./permissions/operations.ts";
import { profiles } from "./profiles/operations.ts";
import { qr } from "./qr/operations.ts";
import { settings } from "./settings/operations.ts";
import { users } from "./users/operations.ts";

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
  profiles,
  friends,
} as const;
export type Operations = typeof operations;
