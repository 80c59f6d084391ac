import { z } from "zod";

import { defineOperations } from "../core/operation.ts";
import { NoInput, Ok } from "../core/primitives.ts";
import { Permissions } from "../permissions/schemas.ts";
import { MyQr } from "../qr/schemas.ts";
import { User } from "../users/schemas.ts";
import { PasswordChangeInput, ProfilePatch, Session } from "./schemas.ts";

const empty = NoInput;

/** The signed-in person's own account, sessions, QR code and permissions. */
export const me = defineOperations({
  get: {
    method: "GET",
    path: "/me",
    summary: "My account",
    auth: "user",
    input: empty,
    output: User,
    errors: [],
    allowDuringPasswordChange: true,
  },
  update: {
    method: "PATCH",
    path: "/me",
    summary: "Edit my profile",
    auth: "user",
    input: ProfilePatch,
    output: User,
    errors: [],
  },
  changePassword: {
    method: "POST",
    path: "/me/password",
    summary: "Change my password",
    description:
      "Set `end_other_sessions` to sign out everywhere else. A `user_id` other than the caller's own is refused (403). A wrong current password counts against the same limits as a failed sign-in from this address, and is logged.",
    auth: "user",
    input: PasswordChangeInput,
    output: Ok,
    errors: ["wrong_password"],
    allowDuringPasswordChange: true,
    batchable: false,
  },
  sessions: {
    method: "GET",
    path: "/me/sessions",
    summary: "My active sessions",
    auth: "user",
    input: empty,
    // The 100 most recently used: the list is not paged.
    output: z.object({ items: z.array(Session).max(100) }),
    errors: [],
    allowDuringPasswordChange: true,
  },
  revokeSession: {
    method: "DELETE",
    path: "/me/sessions/:id",
    summary: "End one of my sessions",
    auth: "user",
    input: z.object({ id: z.uuid().max(36) }),
    output: Ok,
    errors: ["session_not_found"],
    allowDuringPasswordChange: true,
  },
  qr: {
    method: "GET",
    path: "/me/qr",
    summary: "My QR code",
    description:
      "A personal code for the current window (`QR_WINDOW_SECONDS`, 300 by default) and the code of the next window, issued ahead so a display switches without a gap. Codes carry 128 random bits and are stored hashed.",
    auth: "user",
    input: empty,
    output: MyQr,
    errors: [],
  },
  permissions: {
    method: "GET",
    path: "/me/permissions",
    summary: "My effective permissions",
    auth: "user",
    input: empty,
    output: Permissions,
    errors: [],
  },
});
