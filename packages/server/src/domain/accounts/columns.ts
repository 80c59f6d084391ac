import type { ProfilePatch, RegisterInput } from "@kabinet/contracts";
import type { schema } from "@kabinet/db";

import type { UserRow } from "./user-view.ts";

/** The columns of a new account, from sign-up or from an admin creating it. */
export function accountColumns(input: Omit<RegisterInput, "password">, passwordHash: string) {
  return {
    login: input.login,
    email: input.email,
    passwordHash,
    firstName: input.first_name,
    lastName: input.last_name,
    patronymic: input.patronymic ?? null,
    birthday: input.birthday ?? null,
    phone: input.phone ?? null,
    schoolClass: input.class ?? null,
  };
}

/** Column values of a profile patch; `undefined` leaves a column as it is, `null` clears it. */
export function profileChanges(
  patch: ProfilePatch,
  current: UserRow,
): Partial<typeof schema.users.$inferInsert> {
  return {
    firstName: patch.first_name,
    lastName: patch.last_name,
    patronymic: patch.patronymic,
    birthday: patch.birthday,
    description: patch.description,
    backgroundColor: patch.background_color,
    displayName: patch.display_name,
    bio: patch.bio,
    phone: patch.phone,
    contacts: patch.contacts ? { ...current.contacts, ...patch.contacts } : undefined,
  };
}
