import type { z } from "zod";

import type { Role, SortOrder, UserListQuery, UserSort, UserState } from "@kabinet/contracts";

export const USERS_PAGE_SIZE = 20;

/** The filter bar's values as its inputs hold them: empty strings mean "any". */
export interface UserFilters {
  q: string;
  role: Role | "";
  state: UserState | "";
  group_id: string;
  sort: UserSort;
  order: z.infer<typeof SortOrder>;
}

export const defaultUserFilters: UserFilters = {
  q: "",
  role: "",
  state: "",
  group_id: "",
  sort: "created_at",
  order: "desc",
};

type ListInput = Omit<z.input<typeof UserListQuery>, "cursor">;

/** The `users.list` input of the filters; the cursor is added page by page. */
export function toUserListInput(filters: UserFilters, limit = USERS_PAGE_SIZE): ListInput {
  const input: ListInput = { sort: filters.sort, order: filters.order, limit };
  const q = filters.q.trim();
  if (q) input.q = q.slice(0, 64);
  if (filters.role) input.role = filters.role;
  if (filters.state) input.state = filters.state;
  const group = Number(filters.group_id);
  if (filters.group_id && Number.isInteger(group) && group > 0) input.group_id = group;
  return input;
}
