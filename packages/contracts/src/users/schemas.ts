import { z } from "zod";

import {
  Birthday,
  Cursor,
  Email,
  IsoDate,
  Login,
  LongText,
  page,
  PageLimit,
  Password,
  PASSWORD_MAX,
  PersonName,
  Phone,
  Role,
  SchoolClass,
  ShortText,
  SortOrder,
  Timestamp,
  UserId,
  UserState,
} from "../core/primitives.ts";
import { ImageData } from "../core/upload.ts";
import { ProfilePatch } from "../me/schemas.ts";

export const Contacts = z.object({
  email: Email.nullable(),
  phone: Phone.nullable(),
  telegram: z.string().max(64).nullable(),
  viber: z.string().max(64).nullable(),
});
export type Contacts = z.infer<typeof Contacts>;

export const GroupRef = z.object({ id: z.number().int(), name: z.string().max(64) });

/** The full user object: what the owner and admins see. */
export const User = z
  .object({
    id: UserId,
    login: Login,
    email: Email,
    first_name: z.string().max(64),
    last_name: z.string().max(64),
    patronymic: z.string().max(64).nullable(),
    display_name: z.string().max(64).nullable(),
    birthday: IsoDate.nullable(),
    phone: z.string().max(16).nullable(),
    contacts: Contacts,
    class: SchoolClass.nullable(),
    description: ShortText.nullable(),
    bio: LongText.nullable(),
    background_color: z.string().max(7).nullable(),
    avatar: z.string().max(512).nullable(),
    role: Role,
    state: UserState,
    confirmed: z.boolean(),
    karma: z.number().int(),
    groups: z.array(GroupRef),
    permissions: z.array(z.string().max(64)),
    password_change_required: z.boolean(),
    created_at: Timestamp,
    last_activity_at: Timestamp.nullable(),
  })
  .meta({ id: "User" });
export type User = z.infer<typeof User>;

export const RegisterInput = z.object({
  login: Login,
  email: Email,
  password: Password,
  first_name: PersonName,
  last_name: PersonName,
  patronymic: PersonName.optional(),
  birthday: Birthday.optional(),
  phone: Phone.optional(),
  class: SchoolClass.optional(),
});
export type RegisterInput = z.infer<typeof RegisterInput>;

/** Roles an account can be created with; the single super exists from the first sign-up. */
export const AssignableRole = z.enum(["user", "teacher", "admin"]);
export type AssignableRole = z.infer<typeof AssignableRole>;

/** An admin creating an account. Without `password`, a one-time password is generated. */
export const CreateUserInput = RegisterInput.omit({ password: true }).extend({
  password: Password.optional().meta({
    description: "Omit to generate a one-time password the user must change at first sign-in",
  }),
  role: AssignableRole.default("user").meta({ description: "Only roles below the caller's own" }),
});
export type CreateUserInput = z.infer<typeof CreateUserInput>;

export const CreatedUser = z.object({
  user: User,
  one_time_password: z.string().max(PASSWORD_MAX).nullable().meta({
    description:
      "The generated password, shown only in this answer; null when `password` was given",
  }),
});

/**
 * What an admin may change of an account: the profile plus login, email and class. A `role`
 * field is ignored here; roles change only through `PUT /users/{id}/role`.
 */
export const UserPatch = ProfilePatch.extend({
  login: Login.optional(),
  email: Email.optional(),
  class: SchoolClass.nullable().optional(),
});
export type UserPatch = z.infer<typeof UserPatch>;

export const UserSort = z.enum(["created_at", "login", "last_activity_at"]);
export type UserSort = z.infer<typeof UserSort>;

export const UserListQuery = z.object({
  q: z.string().trim().max(64).optional().meta({ description: "Part of a login, name or email" }),
  role: Role.optional(),
  state: UserState.optional().meta({ description: "Without it, deleted accounts are left out" }),
  group_id: z.number().int().positive().max(2_147_483_647).optional(),
  sort: UserSort.default("created_at"),
  order: SortOrder.default("desc"),
  limit: PageLimit,
  cursor: Cursor.optional(),
});
export type UserListQuery = z.infer<typeof UserListQuery>;

export const UserList = page(User).extend({
  total: z.number().int().meta({ description: "How many accounts match the filters" }),
});

/**
 * A person as signed-in members see each other: the public profile. `email` and `birthday`
 * are private: they are shown to the person themself and to holders of `users:read`, and are
 * null for everyone else.
 */
export const DirectoryEntry = z
  .object({
    id: UserId,
    login: Login,
    first_name: z.string().max(64),
    last_name: z.string().max(64),
    patronymic: z.string().max(64).nullable(),
    display_name: z.string().max(64).nullable(),
    description: ShortText.nullable(),
    background_color: z.string().max(7).nullable(),
    avatar: z.string().max(512).nullable(),
    role: Role,
    groups: z.array(GroupRef),
    created_at: Timestamp,
    email: Email.nullable().meta({
      description: "Null unless it is the caller's own or the caller holds users:read",
    }),
    birthday: IsoDate.nullable().meta({
      description:
        "Null when unknown, or unless it is the caller's own or the caller holds users:read",
    }),
  })
  .meta({ id: "DirectoryEntry" });
export type DirectoryEntry = z.infer<typeof DirectoryEntry>;

/** The directory pages oldest account first, so a page once read stays the same. */
export const DirectoryQuery = z.object({ limit: PageLimit, cursor: Cursor.optional() });
export type DirectoryQuery = z.infer<typeof DirectoryQuery>;

export const Directory = page(DirectoryEntry);

/** A person by id (digits) or by login; an id is tried first. */
export const DirectoryKey = z.object({
  key: z
    .string()
    .min(1)
    .max(32)
    .meta({ description: "A user id, or a login", example: "ivan.petrov" }),
});

/** A user as shown in lists of other things (group members, log entries). */
export const UserSummary = z
  .object({
    id: UserId,
    login: Login,
    first_name: z.string().max(64),
    last_name: z.string().max(64),
    role: Role,
    state: UserState,
  })
  .meta({ id: "UserSummary" });
export type UserSummary = z.infer<typeof UserSummary>;

export const RoleInput = z.object({ role: AssignableRole });
export const StateInput = z.object({
  state: z
    .enum(["activated", "blocked"])
    .meta({ description: "`blocked` ends the user's sessions at once" }),
});

/** A PNG, JPEG, WebP or GIF image up to 5 MiB; stored as a 512×512 WebP. */
export const AvatarUpload = z.object({ image: ImageData });

/** What a removal answers: the account as it is now (state `deleted`, in no group). */
export const RemovedUser = z.object({ ok: z.literal(true), user: User });

export const PasswordReset = z.object({
  new_password: z.string().max(PASSWORD_MAX).meta({
    description: "A one-time password: shown once, valid 72 h, must be changed at sign-in",
  }),
});
