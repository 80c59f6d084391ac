import { z } from "zod";

import { defineOperations } from "../core/operation.ts";
import { Login, UserId } from "../core/primitives.ts";
import { Permissions } from "../permissions/schemas.ts";
import {
  AvatarUpload,
  CreatedUser,
  CreateUserInput,
  Directory,
  DirectoryEntry,
  DirectoryKey,
  DirectoryQuery,
  PasswordReset,
  RemovedUser,
  RoleInput,
  StateInput,
  User,
  UserList,
  UserListQuery,
  UserPatch,
} from "./schemas.ts";

const byId = z.object({ id: UserId });

/**
 * Users administration. Beyond the permission each operation names, the rank rules of
 * `rank.ts` decide whose accounts a caller may manage.
 */
export const users = defineOperations({
  list: {
    method: "GET",
    path: "/users",
    summary: "Find users",
    description: "Search, filter and sort accounts; pages by cursor and counts the matches.",
    auth: "user",
    permission: "users:read",
    input: UserListQuery,
    output: UserList,
    errors: [],
  },
  get: {
    method: "GET",
    path: "/users/:id",
    summary: "A user by id",
    auth: "user",
    permission: "users:read",
    input: byId,
    output: User,
    errors: ["user_not_found"],
  },
  getByLogin: {
    method: "GET",
    path: "/users/by-login/:login",
    summary: "A user by login",
    auth: "user",
    permission: "users:read",
    input: z.object({ login: Login }),
    output: User,
    errors: ["user_not_found"],
  },
  directory: {
    method: "GET",
    path: "/directory",
    summary: "The members' directory",
    description:
      "The public profiles of the people the caller may see, oldest account first: every signed-in person sees accounts that are neither blocked nor removed, holders of `users:read` see blocked accounts too, and removed accounts are in no public view (administrators read them at `GET /users/{id}`). Email and birthday are shown only to holders of `users:read` and to the person themself.",
    auth: "user",
    input: DirectoryQuery,
    output: Directory,
    errors: [],
  },
  directoryEntry: {
    method: "GET",
    path: "/directory/:key",
    summary: "A member's public profile, by id or login",
    description:
      "Digits are tried as an id first, then as a login, among the people the caller may see as in the directory: a blocked account is `user_not_found` except to holders of `users:read`, a removed one always. Email and birthday as in the directory.",
    auth: "user",
    input: DirectoryKey,
    output: DirectoryEntry,
    errors: ["user_not_found"],
  },
  create: {
    method: "POST",
    path: "/users",
    summary: "Create a user",
    description:
      "Admins create accounts with roles below their own. Without a password, a one-time password is generated and returned once.",
    auth: "user",
    permission: "users:manage",
    input: CreateUserInput,
    output: CreatedUser,
    status: 201,
    errors: ["login_taken", "email_taken"],
  },
  update: {
    method: "PATCH",
    path: "/users/:id",
    summary: "Edit a user",
    description:
      "Any subset of fields. A `role` field is ignored: roles change through `PUT /users/{id}/role`.",
    auth: "user",
    permission: "users:manage",
    input: UserPatch.extend({ id: UserId }),
    output: User,
    errors: ["user_not_found", "login_taken", "email_taken"],
  },
  setRole: {
    method: "PUT",
    path: "/users/:id/role",
    summary: "Change a user's role",
    description:
      "Super only. The super's own role cannot change; there is always exactly one super.",
    auth: "super",
    input: RoleInput.extend({ id: UserId }),
    output: User,
    errors: ["user_not_found"],
  },
  setState: {
    method: "PUT",
    path: "/users/:id/state",
    summary: "Block or unblock a user",
    description:
      "Blocking ends the user's sessions at once. Admins block users and teachers; only super blocks admins.",
    auth: "user",
    permission: "users:manage",
    input: StateInput.extend({ id: UserId }),
    output: User,
    errors: ["user_not_found"],
  },
  setAvatar: {
    method: "PUT",
    path: "/users/:id/avatar",
    summary: "Replace a user's avatar",
    description:
      "JSON with the image in base64, or multipart/form-data with the file in the part `image`. Stored as a 512×512 WebP without metadata.",
    auth: "user",
    upload: "image",
    permission: "users:manage",
    input: AvatarUpload.extend({ id: UserId }),
    output: User,
    errors: ["user_not_found"],
  },
  resetPassword: {
    method: "POST",
    path: "/users/:id/password-reset",
    summary: "Reset a user's password",
    description:
      "Returns a generated one-time password once and ends the user's sessions. Admins reset users and teachers; only super resets admins.",
    auth: "user",
    permission: "users:manage",
    input: byId,
    output: PasswordReset,
    errors: ["user_not_found"],
    batchable: false,
  },
  permissions: {
    method: "GET",
    path: "/users/:id/permissions",
    summary: "A user's effective permissions",
    auth: "user",
    permission: "users:read",
    input: byId,
    output: Permissions,
    errors: ["user_not_found"],
  },
  remove: {
    method: "DELETE",
    path: "/users/:id",
    summary: "Remove a user",
    description:
      "A soft delete: sessions end and the login and email stay reserved. Nobody removes the super; admins remove no admin. Answers the removed account.",
    auth: "user",
    permission: "users:manage",
    input: byId,
    output: RemovedUser,
    errors: ["user_not_found"],
  },
});
