import type { User, UserSummary } from "@kabinet/contracts";
import { eq, getTableColumns, schema, type Executor } from "@kabinet/db";

import { effectivePermissions, type GroupGrant } from "../access/permissions.ts";
import { AppError } from "../errors.ts";

export type UserRow = typeof schema.users.$inferSelect;

const {
  passwordHash: _passwordHash,
  searchText: _searchText,
  profileName: _profileName,
  ...viewColumns
} = getTableColumns(schema.users);

/**
 * The columns a user view is made from, for reads that go no further: the password hash
 * stays in the database, and neither it nor the search columns are parsed on every request.
 */
export const userViewColumns = viewColumns;
export type UserViewRow = Omit<UserRow, "passwordHash" | "searchText" | "profileName">;

/** The full user object, as the owner and admins see it. */
export function toUser(row: UserViewRow, groups: readonly GroupGrant[]): User {
  return {
    id: row.id,
    login: row.login,
    email: row.email,
    first_name: row.firstName,
    last_name: row.lastName,
    patronymic: row.patronymic,
    display_name: row.displayName,
    birthday: row.birthday,
    phone: row.phone,
    contacts: {
      email: row.contacts.email ?? null,
      phone: row.contacts.phone ?? null,
      telegram: row.contacts.telegram ?? null,
      viber: row.contacts.viber ?? null,
    },
    class: row.schoolClass,
    description: row.description,
    bio: row.bio,
    background_color: row.backgroundColor,
    avatar: row.avatarUrl,
    role: row.role,
    state: row.state,
    confirmed: row.confirmed,
    karma: row.karma,
    groups: groups.map(({ id, name }) => ({ id, name })),
    permissions: effectivePermissions(row.role, groups),
    password_change_required: row.passwordChangeRequired,
    created_at: row.createdAt.toISOString(),
    last_activity_at: row.lastActivityAt?.toISOString() ?? null,
  };
}

export async function findUserRow(db: Executor, id: number): Promise<UserRow> {
  const [row] = await db.select().from(schema.users).where(eq(schema.users.id, id));
  if (!row) throw new AppError("user_not_found");
  return row;
}

export function toUserSummary(
  row: Pick<UserRow, "id" | "login" | "firstName" | "lastName" | "role" | "state">,
): UserSummary {
  return {
    id: row.id,
    login: row.login,
    first_name: row.firstName,
    last_name: row.lastName,
    role: row.role,
    state: row.state,
  };
}
