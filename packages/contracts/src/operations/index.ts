import { auth } from "./auth.ts";
import { me } from "./me.ts";

/**
 * The API: every operation of Kabinet, by group. REST routes, OpenAPI, the tRPC router and
 * the SDK are all derived from this table.
 */
export const operations = { auth, me } as const;
export type Operations = typeof operations;
