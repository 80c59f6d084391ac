import type { GroupHandlers } from "../context.ts";
import { getProfile, searchProfiles } from "./profiles.ts";

/** Public profiles: what every signed-in member may see of others. */
export const profilesHandlers: GroupHandlers<"profiles"> = {
  search: searchProfiles,
  get: (ctx, input) => getProfile(ctx, input.user_id),
};
