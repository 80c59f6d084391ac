import { z } from "zod";

import { Email, PasswordAttempt } from "../core/primitives.ts";
import { User } from "../users/schemas.ts";

/** The token pair a sign-in issues. `expires` is the refresh token's expiry in epoch seconds. */
export const Token = z
  .object({
    token_type: z.literal("Bearer"),
    access_token: z.string().max(1024).meta({ description: "A JWT of a few hundred characters" }),
    expires_in: z.number().int().meta({ description: "Access token lifetime, seconds" }),
    refresh_token: z.string().max(256).meta({
      description:
        "Opaque, single-use. Empty on the web surface, where it travels in an httpOnly cookie.",
    }),
    expires: z.number().int().meta({ description: "Refresh token expiry, epoch seconds" }),
    session_token: z.string().max(64).optional().meta({
      description:
        "Only when asked for with `issue_session_token`: a bearer token for clients that cannot refresh, valid until the session ends (sign-out, password change, block, removal, or `expires`).",
    }),
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

/** Asks a sign-up or sign-in for a session token besides the token pair. */
export const SessionTokenRequest = z.object({
  issue_session_token: z.boolean().optional().meta({
    description:
      "Also issue a `session_token`: one long-lived bearer token bound to the new session, for clients that cannot refresh",
  }),
});
export type SessionTokenRequest = z.infer<typeof SessionTokenRequest>;

/** The sign-in operation's input: a login or an email, and whether to issue a session token. */
export const SignInInput = z.union([
  LoginInput.options[0].extend(SessionTokenRequest.shape),
  LoginInput.options[1].extend(SessionTokenRequest.shape),
]);
export type SignInInput = z.infer<typeof SignInInput>;

export const RefreshInput = z.object({
  refresh_token: z
    .string()
    .max(256)
    .optional()
    .meta({ description: "Omit to use the web app's session cookie" }),
});

/** `login` is the one asked about, as sent (at most 64 characters). */
export const LoginAvailability = z.object({
  login: z.string().max(64),
  available: z.boolean(),
  message: z.string().max(256),
});
