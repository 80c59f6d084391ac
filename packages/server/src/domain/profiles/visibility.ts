import type { UserState } from "@kabinet/contracts";
import { schema, sql, type SQL } from "@kabinet/db";

import { hasPermission } from "../access/permissions.ts";
import type { Principal } from "../context.ts";

const { users } = schema;

/**
 * Who sees an account of each state in the public views of people: profiles (`/profiles`),
 * the members' directory (`/directory`) and the legacy APIs that run them.
 *
 * - Findable people (`new`, `activated`) are seen by every signed-in member.
 * - Blocked accounts are seen only by holders of `users:read`, who see them through `/users`
 *   anyway; to members they do not exist.
 * - Removed accounts are in no public view, whoever asks: administrators read them at
 *   `/users/{id}`.
 *
 * The name search is the exception that stays narrower: it walks `profile_name_grams`, which
 * lists findable people only, so it shows findable people to everyone, holders of `users:read`
 * included (they find blocked accounts in the users list). Friends operations take findable
 * people only, for everyone: nobody befriends a blocked or removed account.
 *
 * The table is exhaustive over the states, so a new state has to be placed here; the SQL
 * condition and the check of a single row are both derived from it.
 */
const audienceOf: Record<UserState, "members" | "userReaders" | "nobody"> = {
  new: "members",
  activated: "members",
  blocked: "userReaders",
  deleted: "nobody",
};

const allStates = Object.keys(audienceOf) as UserState[];

type Viewer = Pick<Principal, "role" | "groups">;

const readsUsers = (viewer: Viewer) => hasPermission(viewer.role, viewer.groups, "users:read");

/** Whether `viewer` may see an account in `state`: the rule for a row already read. */
export function isSeenBy(viewer: Viewer, state: UserState): boolean {
  const audience = audienceOf[state];
  return audience === "members" || (audience === "userReaders" && readsUsers(viewer));
}

/**
 * `users.state` among the given states, written as literals (this module's constants, never
 * input): the planner then sees the values themselves, in prepared statements' generic plans
 * too, as it does in the migrations' own `state in (...)` predicates.
 */
function stateIn(states: readonly UserState[]): SQL {
  return sql`${users.state} in (${sql.raw(states.map((state) => `'${state}'`).join(", "))})`;
}

/** Accounts others can find and befriend: the states every member sees. */
export const findableStates: readonly UserState[] = allStates.filter(
  (state) => audienceOf[state] === "members",
);

/**
 * `users` rows of findable people, for everyone: what friends operations accept, and what
 * `profile_name_grams` lists (its triggers, in a migration, name the same states;
 * test/profiles-search-index.test.ts holds them together).
 */
export const isFindable: SQL = stateIn(findableStates);

/** The rule in SQL: the `users` rows `viewer` may see, the same states `isSeenBy` accepts. */
export function seenBy(viewer: Viewer): SQL {
  return stateIn(allStates.filter((state) => isSeenBy(viewer, state)));
}
