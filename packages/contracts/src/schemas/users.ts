import { z } from "zod";
import {
  Birthday,
  Email,
  HexColor,
  IsoDate,
  Login,
  LongText,
  Password,
  PersonName,
  Phone,
  Role,
  SchoolClass,
  ShortText,
  Timestamp,
  UserId,
  UserState,
} from "./primitives.ts";

export const Contacts = z.object({
  email: Email.nullable(),
  phone: Phone.nullable(),
  telegram: z.string().max(64).nullable(),
  viber: z.string().max(64).nullable(),
});
export type Contacts = z.infer<typeof Contacts>;

export const GroupRef = z.object({ id: z.number().int(), name: z.string().max(64) });

/** The full user object: what the owner and admins see (SPEC §3). */
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
    permissions: z.array(z.string()),
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

const ContactsPatch = z
  .object({
    email: Email.nullable(),
    phone: Phone.nullable(),
    telegram: z.string().max(64).nullable(),
    viber: z.string().max(64).nullable(),
  })
  .partial();

/** What an owner may change of their own profile; every field optional, null clears it. */
export const ProfilePatch = z.object({
  first_name: PersonName.optional(),
  last_name: PersonName.optional(),
  patronymic: PersonName.nullable().optional(),
  birthday: Birthday.nullable().optional(),
  description: ShortText.nullable().optional(),
  background_color: HexColor.nullable().optional(),
  display_name: z.string().trim().min(1).max(64).nullable().optional(),
  bio: LongText.nullable().optional(),
  phone: Phone.nullable().optional(),
  contacts: ContactsPatch.optional(),
});
export type ProfilePatch = z.infer<typeof ProfilePatch>;
