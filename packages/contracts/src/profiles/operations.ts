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
      "Case-insensitive substring match over display names (or first and last names where none is set), in name order. Only people others can find, whoever asks: blocked and removed accounts are left out, for holders of `users:read` too.",
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
      "Every signed-in person sees accounts that are neither blocked nor removed; holders of `users:read` see blocked accounts too. Otherwise `user_not_found`: a blocked account to everyone else, a removed one to everyone (administrators read removed accounts at `GET /users/{id}`).",
    auth: "user",
    input: z.object({ user_id: UserId }),
    output: PublicProfile,
    errors: ["user_not_found"],
  },
});
