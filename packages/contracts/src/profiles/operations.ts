import { z } from "zod";

import { defineOperations } from "../core/operation.ts";
import { UserId } from "../core/primitives.ts";
import { ProfileList, ProfileSearchQuery, PublicProfile } from "./schemas.ts";

/** People's public profiles, as every signed-in member sees them. */
export const profiles = defineOperations({
  search: {
    method: "GET",
    path: "/profiles",
    summary: "Find people by name",
    description:
      "Case-insensitive substring match over display names (or first and last names where none is set), in name order. Blocked and removed accounts are left out.",
    auth: "user",
    input: ProfileSearchQuery,
    output: ProfileList,
    errors: [],
  },
  get: {
    method: "GET",
    path: "/profiles/:user_id",
    summary: "A person's public profile",
    description:
      "Blocked and removed accounts are `user_not_found`, except to callers holding `users:read`.",
    auth: "user",
    input: z.object({ user_id: UserId }),
    output: PublicProfile,
    errors: ["user_not_found"],
  },
});
