import { PROFILE_SEARCH_MIN } from "@kabinet/contracts";

/** The longest name the search takes. */
export const SEARCH_MAX = 64;

export const PEOPLE_PAGE_SIZE = 20;

/** The name to search for as typed, or null while it is too short to search by. */
export function searchableName(typed: string): string | null {
  const name = typed.trim().slice(0, SEARCH_MAX);
  // Counted as the API counts: in UTF-16 code units.
  return name.length >= PROFILE_SEARCH_MIN ? name : null;
}
