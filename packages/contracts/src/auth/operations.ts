import { z } from "zod";

import { defineOperations } from "../core/operation.ts";
import { Ok } from "../core/primitives.ts";
import { RegisterInput } from "../users/schemas.ts";
import {
  AuthResult,
  LoginAvailability,
  RefreshInput,
  SessionTokenRequest,
  SignInInput,
  Token,
} from "./schemas.ts";

/** Accounts: signing up, signing in and out, keeping a session alive. */
export const auth = defineOperations({
  register: {
    method: "POST",
    path: "/auth/register",
    summary: "Create an account",
    description:
      "The first account ever registered becomes the single super administrator; every later one starts as a `user` in state `new`.",
    auth: "public",
    input: RegisterInput.extend(SessionTokenRequest.shape),
    output: AuthResult,
    status: 201,
    errors: ["login_taken", "email_taken"],
    sessionCookie: "issue",
    batchable: false,
  },
  login: {
    method: "POST",
    path: "/auth/login",
    summary: "Sign in with a login or an email",
    description:
      "Wrong login and wrong password give the same `invalid_credentials` error. Repeated failures lock the account from that address, and the address, for a while (429 `rate_limited` with Retry-After); failures of the account from everywhere only slow its sign-ins down, except in a browser that signed in to it before. Over tRPC it must be sent alone, not in a batch.",
    auth: "public",
    input: SignInInput,
    output: AuthResult,
    errors: ["invalid_credentials", "account_blocked"],
    sessionCookie: "issue",
    batchable: false,
  },
  refresh: {
    method: "POST",
    path: "/auth/refresh",
    summary: "Exchange a refresh token for a new token pair",
    description:
      "Refresh tokens are single-use. Presenting a spent one ends the whole session (theft detection).",
    auth: "public",
    input: RefreshInput,
    output: Token,
    errors: ["invalid_refresh_token", "session_revoked"],
    sessionCookie: "read",
    batchable: false,
  },
  logout: {
    method: "POST",
    path: "/auth/logout",
    summary: "End the session of a refresh token",
    description:
      "Ends the session of the refresh token sent (or of the web app's session cookie); without either, the session of the bearer access token the call carries.",
    auth: "public",
    input: RefreshInput,
    output: Ok,
    errors: [],
    sessionCookie: "read-clear",
    batchable: false,
  },
  loginAvailable: {
    method: "GET",
    path: "/auth/login-available",
    summary: "Check whether a login is free",
    auth: "public",
    input: z.object({ login: z.string().min(1).max(64) }),
    output: LoginAvailability,
    errors: [],
  },
});
