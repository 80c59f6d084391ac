import { z } from "zod";

import type { ErrorCode } from "../core/errors.ts";
import { PASSWORD_MAX, Role } from "../core/primitives.ts";
import { PROBLEM_DETAIL_MAX } from "../core/problem.ts";
import type { DirectoryEntry, User } from "../users/schemas.ts";
import { defineLegacyApi, legacyRoute } from "./define.ts";

/**
 * The personal account API of the older member portal: registration, sign-in, the profile and
 * the members' list. Its answers are plain objects carrying every field, with "" for absent
 * values; its errors are `{errorMessage}`. Its clients have no refresh step: sign-up and
 * sign-in hand them a session token, which works as long as its session does.
 */

/**
 * The original's statuses: 400 for form input it refuses, 403 for request data that is
 * incorrect (credentials, rights, taken names), 404 for what does not exist, and the statuses
 * it never had (rate limits, an outage, a wrong method) kept as they are. A message given here
 * replaces one that speaks of the unified API's own token scheme.
 */
const errorTable: Partial<Record<ErrorCode, { status: number; message?: string }>> = {
  validation_failed: { status: 400 },
  malformed_json: { status: 400 },
  unsupported_media_type: { status: 400 },
  payload_too_large: { status: 400 },
  unauthorized: {
    status: 403,
    message: "Sign in first: send your token in the Authorization header.",
  },
  invalid_token: { status: 403, message: "The token is not valid; sign in again." },
  session_revoked: { status: 403, message: "This session has ended; sign in again." },
  invalid_credentials: { status: 403 },
  account_blocked: { status: 403 },
  password_change_required: {
    status: 403,
    message: "The password must be changed in the member portal before continuing.",
  },
  forbidden: { status: 403 },
  login_taken: { status: 403 },
  email_taken: { status: 403 },
  not_found: { status: 404 },
  user_not_found: { status: 404 },
  rate_limited: { status: 429 },
  internal_error: { status: 500 },
  service_unavailable: { status: 503 },
};

const PersonalAccountError = z
  .object({
    errorMessage: z
      .string()
      .max(PROBLEM_DETAIL_MAX)
      .meta({ description: "A sentence for the person" }),
  })
  .meta({ id: "PersonalAccountError" });

/** Stable ids of the roles, lowest to highest; a person has exactly one. */
export const legacyRoleIds = { user: 1, teacher: 2, admin: 3, super: 4 } as const satisfies Record<
  Role,
  number
>;

const GroupRef = z.object({ id: z.number().int(), name: z.string().max(64) });

const LegacyTimestamp = z
  .string()
  .max(26)
  .meta({ description: "UTC, with microseconds", example: "2024-03-07 23:32:53.818302" });

const PublicUser = z
  .object({
    id: z.number().int(),
    login: z.string().max(32),
    email: z
      .string()
      .max(64)
      .meta({ description: "Empty unless it is the caller's own, or to admins" }),
    first_name: z.string().max(64),
    last_name: z.string().max(64),
    created_at: LegacyTimestamp,
    description: z.string().max(256),
    background_color: z.string().max(7).meta({ example: "#005CC9" }),
    birthday: z
      .string()
      .max(10)
      .meta({ description: "`2005-04-07`, or empty", example: "2005-04-07" }),
    patronymic: z.string().max(64),
    avatar: z.string().max(512).meta({ description: "URL of the image, or empty" }),
    groups: z.array(GroupRef),
    roles: z
      .array(z.object({ id: z.number().int(), name: Role }))
      .max(1)
      .meta({ description: "One role: user (1), teacher (2), admin (3) or super (4)" }),
  })
  .meta({ id: "PersonalAccountUser" });

const Account = PublicUser.extend({
  permissions: z.array(z.string().max(128)).meta({ description: "Permission names" }),
  token: z.string().max(1024).meta({
    description:
      "The session token: send it as `Authorization: <token>`; it works until the session ends",
  }),
}).meta({ id: "PersonalAccount" });

/**
 * The profile editor's fields. Bounds here only keep huge values out; the unified operation's
 * own rules (and messages) decide what is valid.
 */
const ProfileFields = z.object({
  first_name: z.string().max(256),
  last_name: z.string().max(256),
  patronymic: z.string().max(256),
  birthday: z.string().max(32),
  description: z.string().max(1024),
  background_color: z.string().max(32),
});

/** `2024-03-07T23:32:53.818Z` as the original wrote it: `2024-03-07 23:32:53.818000`. */
function legacyTimestamp(iso: string): string {
  const exact = new Date(iso).toISOString();
  return `${exact.slice(0, 10)} ${exact.slice(11, 23)}000`;
}

/** The public fields, from the account itself or from the directory. */
function publicUser(user: User | DirectoryEntry): z.input<typeof PublicUser> {
  return {
    id: user.id,
    login: user.login,
    email: user.email ?? "",
    first_name: user.first_name,
    last_name: user.last_name,
    created_at: legacyTimestamp(user.created_at),
    description: user.description ?? "",
    background_color: user.background_color ?? "",
    birthday: user.birthday ?? "",
    patronymic: user.patronymic ?? "",
    avatar: user.avatar ?? "",
    groups: user.groups.map(({ id, name }) => ({ id, name })),
    roles: [{ id: legacyRoleIds[user.role], name: user.role }],
  };
}

function account(user: User, token: string | undefined): z.input<typeof Account> {
  return { ...publicUser(user), permissions: user.permissions, token: token ?? "" };
}

/** The original's "" for an absent value is the unified API's null (clear it). */
const orNull = (value: string | undefined) => (value === "" ? null : value);

export const personalAccount = defineLegacyApi({
  name: "Personal account",
  prefixes: ["/account/", "/info/"],
  credentials: ["raw-authorization"],
  // Its clients name their browser in a header of their own; it names the session.
  agentHeader: "browser",
  envelope: {
    ok: { wrap: (data) => data, schema: (data) => data },
    error: (problem) => {
      const entry = errorTable[problem.code];
      return {
        status: entry?.status ?? problem.status,
        body: { errorMessage: entry?.message ?? problem.detail },
      };
    },
    errorSchema: PersonalAccountError,
  },
  routes: {
    registration: legacyRoute({
      method: "POST",
      path: "/account/registration",
      summary: "Create an account and sign in",
      encoding: "json",
      input: z.object({
        login: z.string().max(256),
        password: z.string().max(PASSWORD_MAX * 4),
        email: z.string().max(256),
        first_name: z.string().max(256),
        last_name: z.string().max(256),
        patronymic: z.string().max(256).optional(),
      }),
      output: Account,
      runs: "auth.register",
      toInput: ({ patronymic, ...fields }) => ({
        ...fields,
        ...(patronymic ? { patronymic } : {}),
        issue_session_token: true,
      }),
      toOutput: ({ user, token }) => account(user, token.session_token),
    }),
    login: legacyRoute({
      method: "POST",
      path: "/account/login",
      summary: "Sign in with a login or an email",
      encoding: "json",
      input: z
        .object({
          password: z.string().max(PASSWORD_MAX * 4),
          login: z.string().max(256).optional(),
          email: z.string().max(256).optional(),
        })
        .refine((v) => v.login !== undefined || v.email !== undefined, {
          message: "Send a login or an email",
          path: ["login"],
        }),
      output: Account,
      runs: "auth.login",
      toInput: ({ login, email, password }) =>
        login !== undefined
          ? { login, password, issue_session_token: true }
          : { email: email ?? "", password, issue_session_token: true },
      toOutput: ({ user, token }) => account(user, token.session_token),
    }),
    loginCheck: legacyRoute({
      method: "GET",
      path: "/account/login/check",
      summary: "Whether a login is free",
      encoding: "query",
      input: z.object({ login: z.string().max(256) }),
      output: z.object({ message: z.string().max(256), is_login_available: z.boolean() }),
      runs: "auth.loginAvailable",
      toInput: ({ login }) => ({ login }),
      toOutput: ({ message, available }) => ({ message, is_login_available: available }),
    }),
    me: legacyRoute({
      method: "GET",
      path: "/account/me",
      summary: "My account",
      encoding: "query",
      input: z.object({}),
      output: Account,
      runs: "me.get",
      toInput: () => ({}),
      toOutput: (user, _input, request) => account(user, request.token),
    }),
    editInfo: legacyRoute({
      method: "POST",
      path: "/account/edit/info",
      summary: "Edit my profile",
      encoding: "json",
      input: ProfileFields.partial(),
      output: ProfileFields,
      runs: "me.update",
      toInput: (fields) => ({
        first_name: fields.first_name,
        last_name: fields.last_name,
        patronymic: orNull(fields.patronymic),
        birthday: orNull(fields.birthday),
        description: orNull(fields.description),
        background_color: orNull(fields.background_color),
      }),
      toOutput: (user) => ({
        first_name: user.first_name,
        last_name: user.last_name,
        patronymic: user.patronymic ?? "",
        birthday: user.birthday ?? "",
        description: user.description ?? "",
        background_color: user.background_color ?? "",
      }),
    }),
    users: legacyRoute({
      method: "GET",
      path: "/info/users/",
      summary: "The members, oldest account first (at most 100)",
      encoding: "query",
      input: z.object({
        limit: z
          .string()
          .max(6)
          .regex(/^[0-9]{1,6}$/, "A whole number from 1 to 100")
          .optional()
          .meta({ description: "How many, 1 to 100; 100 unless given" }),
      }),
      output: z.array(PublicUser).max(100),
      runs: "users.directory",
      // The original listed everyone; a list without paging is capped at one page of 100.
      toInput: ({ limit }) => ({ limit: limit === undefined ? 100 : Number(limit) }),
      toOutput: (page) => page.items.map(publicUser),
    }),
    user: legacyRoute({
      method: "GET",
      path: "/info/users/search-:key",
      summary: "A member by login or id",
      encoding: "query",
      input: z.object({ key: z.string().max(256) }),
      output: PublicUser,
      runs: "users.directoryEntry",
      toInput: ({ key }) => ({ key }),
      toOutput: publicUser,
    }),
  },
});
