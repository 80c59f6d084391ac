import { z } from "zod";

import {
  Birthday,
  Email,
  HexColor,
  Password,
  PasswordAttempt,
  PersonName,
  Phone,
  ShortText,
  Timestamp,
  UserId,
} from "../core/primitives.ts";

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
  display_name: z.string().trim().min(1).max(64).nullable().optional().meta({
    description: "The name others see; null shows the first and last name instead",
  }),
  bio: z
    .string()
    .max(500)
    .nullable()
    .optional()
    .meta({ description: "Shown on the public profile" }),
  phone: Phone.nullable().optional(),
  contacts: ContactsPatch.optional(),
});
export type ProfilePatch = z.infer<typeof ProfilePatch>;

export const PasswordChangeInput = z.object({
  password: PasswordAttempt,
  new_password: Password,
  end_other_sessions: z.boolean().default(false),
  user_id: UserId.optional().meta({
    description:
      "The account the client means to change; refused unless it is the caller's own, so a client holding someone else's id cannot change the wrong password",
  }),
});

export const Session = z
  .object({
    id: z.uuid().max(36),
    current: z.boolean(),
    user_agent: z.string().max(512).nullable().meta({ description: "The first 512 characters" }),
    ip: z.string().max(64).nullable(),
    created_at: Timestamp,
    last_used_at: Timestamp,
    expires_at: Timestamp,
  })
  .meta({ id: "Session" });
export type Session = z.infer<typeof Session>;
