import { z } from "zod";

import { Email, Password, PasswordAttempt, Timestamp } from "./primitives.ts";
import { User } from "./users.ts";

/** Seed 002's token object. `expires` is the refresh token's expiry in epoch seconds. */
export const Token = z
  .object({
    token_type: z.literal("Bearer"),
    access_token: z.string(),
    expires_in: z.number().int().meta({ description: "Access token lifetime, seconds" }),
    refresh_token: z.string().meta({
      description:
        "Opaque, single-use. Empty on the web surface, where it travels in an httpOnly cookie.",
    }),
    expires: z.number().int().meta({ description: "Refresh token expiry, epoch seconds" }),
  })
  .meta({ id: "Token" });
export type Token = z.infer<typeof Token>;

export const AuthResult = z.object({ user: User, token: Token }).meta({ id: "AuthResult" });
export type AuthResult = z.infer<typeof AuthResult>;

/** Sign in by login or by email. Lengths are bounded so nothing huge reaches the hasher. */
export const LoginInput = z.union([
  z.object({ login: z.string().min(1).max(64), password: PasswordAttempt }),
  z.object({ email: Email, password: PasswordAttempt }),
]);
export type LoginInput = z.infer<typeof LoginInput>;

export const RefreshInput = z.object({
  refresh_token: z
    .string()
    .max(256)
    .optional()
    .meta({ description: "Omit to use the web app's session cookie" }),
});

export const LoginAvailability = z.object({
  login: z.string(),
  available: z.boolean(),
  message: z.string(),
});

export const PasswordChangeInput = z.object({
  password: PasswordAttempt,
  new_password: Password,
  end_other_sessions: z.boolean().default(false),
});

export const Session = z
  .object({
    id: z.uuid(),
    current: z.boolean(),
    user_agent: z.string().nullable(),
    ip: z.string().nullable(),
    created_at: Timestamp,
    last_used_at: Timestamp,
    expires_at: Timestamp,
  })
  .meta({ id: "Session" });
export type Session = z.infer<typeof Session>;

export const Permissions = z.object({ permissions: z.array(z.string()) });

export const Ok = z.object({ ok: z.literal(true) });
