import { roleDefaultPermissions, permissionCatalog, type Role, type User } from "@kabinet/contracts";
import { eq, schema, type Executor } from "@kabinet/db";
import { AppError } from "../errors.ts";

export type UserRow = typeof schema.users.$inferSelect;

/** Effective permissions: the role's defaults (groups join them in the groups module); super holds all. */
export function effectivePermissions(role: Role): string[] {
  if (role === "super") return Object.keys(permissionCatalog).sort();
  return [...roleDefaultPermissions[role]].sort();
}

/** The full user object, as the owner and admins see it. */
export function toUser(row: UserRow): User {
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
    groups: [],
    permissions: effectivePermissions(row.role),
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
