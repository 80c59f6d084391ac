import { z } from "zod";

import { Cursor, LongText, page, PageLimit, UserId } from "../core/primitives.ts";

/**
 * What any signed-in person may see of someone else: nothing private (no email, phone,
 * birthday or contacts; the owner and admins read those from `/me` and `/users/{id}`).
 */
export const PublicProfile = z
  .object({
    user_id: UserId,
    display_name: z.string().max(129).meta({
      description: "The name they chose, or else their first and last name",
      example: "Анна Смирнова",
    }),
    pic: z.string().max(512).nullable().meta({ description: "Avatar URL; null without one" }),
    confirmed: z.boolean(),
    bio: LongText.nullable(),
    karma: z.number().int(),
  })
  .meta({ id: "PublicProfile" });
export type PublicProfile = z.infer<typeof PublicProfile>;

/**
 * Fewer characters would match most of the organisation. The search finds names by fragments
 * of a fixed length, which must not exceed this, so that every term has one; a server test
 * holds the two together.
 */
export const PROFILE_SEARCH_MIN = 4;

export const ProfileSearchQuery = z.object({
  name: z
    .string()
    .trim()
    .min(PROFILE_SEARCH_MIN)
    .max(64)
    .meta({
      description: `Part of a display name (or of "first last" when none is set), at least ${PROFILE_SEARCH_MIN} characters; case does not matter`,
      example: "смир",
    }),
  limit: PageLimit,
  cursor: Cursor.optional(),
});
export type ProfileSearchQuery = z.infer<typeof ProfileSearchQuery>;

export const ProfileList = page(PublicProfile);
