import { z } from "zod";

import type { ErrorCode } from "../core/errors.ts";
import { Cursor, CURSOR_MAX, PAGE_MAX, ShortText, Timestamp, UserId } from "../core/primitives.ts";
import type { FieldError } from "../core/problem.ts";
import { DeviceId } from "../devices/schemas.ts";
import { GroupId } from "../groups/schemas.ts";
import { LogEntry } from "../logs/schemas.ts";
import { Permissions } from "../permissions/schemas.ts";
import { AssignableRole, GroupRef, type User } from "../users/schemas.ts";
import { defineLegacyApi, legacyRoute } from "./define.ts";

/**
 * The Users API v1 of the administration clients: accounts under `/api/v1/users/`, and the
 * filtered audit log. Answers are `{status: "ok", ...}`; failures `{status: "error", message,
 * field?}` with the original's messages.
 */

// ---- Value codecs: the original's formats, decoded from the unified values ----

const MINUTE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/;

const LegacyTime = z
  .string()
  .max(16)
  .regex(MINUTE)
  .meta({ description: "UTC, to the minute", example: "2025-07-28 18:35" });

/** An instant as the original wrote it: `YYYY-MM-DD HH:mm`, in UTC. */
const Minute = z.codec(Timestamp, LegacyTime, {
  // Timestamps are ISO 8601 in UTC (`…Z`), so the minute is their first 16 characters.
  decode: (iso) => iso.slice(0, 16).replace("T", " "),
  encode: (minute) => `${minute.replace(" ", "T")}:00.000Z`,
});

/** The same, or "" for an instant that never happened (an account never active). */
const MinuteOrBlank = z.codec(Timestamp.nullable(), z.union([LegacyTime, z.literal("")]), {
  decode: (iso) => (iso === null ? "" : z.decode(Minute, iso)),
  encode: (minute) => (minute === "" ? null : z.encode(Minute, minute)),
});

/** Text the original always sent, "" where the unified value (of at most `max`) is absent. */
const blank = (max: number) =>
  z.codec(z.string().max(max).nullable(), z.string().max(max), {
    decode: (value) => value ?? "",
    encode: (value) => value || null,
  });

const GroupStruct = z
  .object({ id: z.number().int(), name: z.string().max(64) })
  .meta({ id: "UsersV1Group" });

/** The original's one group of a person: their first group, or `false` in none. */
const FirstGroup = z.codec(z.array(GroupRef), z.union([GroupStruct, z.literal(false)]), {
  decode: (groups) => groups[0] ?? false,
  encode: (group) => (group === false ? [] : [group]),
});

/** A number sent as text (a path segment or a query parameter). */
const digits = (number: z.ZodNumber) =>
  z.codec(
    z
      .string()
      .max(10)
      .regex(/^[0-9]{1,10}$/, "A number"),
    number,
    {
      decode: (text) => Number(text),
      encode: (value) => String(value),
    },
  );

// ---- Messages ----

const PERMISSIONS_ERROR = "Permissions error";
const UNKNOWN_ERROR = "Unknown error";

/** "Nickname", "First name", "New password": how the original named a field in a message. */
function label(field: string): string {
  const name = (field.split(".").pop() ?? field).replace(/_/g, " ");
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** The original's message for a required field sent empty or not at all. */
const cantBeEmpty = (field: string) => `${label(field)} can\`t be empty`;

/** A field that must be sent and not be empty, said in the original's words when it is not. */
const filled = (field: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? cantBeEmpty(field) : undefined) })
    .min(1, cantBeEmpty(field))
    // Long enough for any field it stands for; the operation's own schema then decides.
    .max(1024);

/** The unified input's fields that this API names otherwise. */
const legacyFieldName: Record<string, string> = {
  login: "nickname",
  patronymic: "mid_name",
  phone: "contacts.phone",
  image: "upload_userpic",
};

/** Unified failures with a message of the original's own; the rest get UNKNOWN_ERROR. */
const errorMessages: Partial<Record<ErrorCode, { message: string; field?: string }>> = {
  // The original had one answer for every caller that may not do something.
  unauthorized: { message: PERMISSIONS_ERROR },
  invalid_token: { message: PERMISSIONS_ERROR },
  session_revoked: { message: PERMISSIONS_ERROR },
  account_blocked: { message: PERMISSIONS_ERROR },
  password_change_required: { message: PERMISSIONS_ERROR },
  forbidden: { message: PERMISSIONS_ERROR },
  user_not_found: { message: "User not found" },
  login_taken: { message: "Alias already exists", field: "nickname" },
  email_taken: { message: "Email already exists", field: "email" },
  wrong_password: { message: "Wrong password", field: "password" },
};

/** The first field a request got wrong, in the original's words. */
function invalidField(error: FieldError | undefined): { message: string; field?: string } {
  if (!error) return { message: UNKNOWN_ERROR };
  const field = legacyFieldName[error.field] ?? error.field;
  if (error.message === cantBeEmpty(field)) return { message: error.message, field };
  // A path id that is not a number names no user.
  if (field === "id") return { message: "User not found" };
  // Too short, too common, containing the login: today's policy, the original's message.
  if (field === "password" || field === "new_password")
    return { message: "Password must be strongest", field };
  if (field === "upload_userpic") return { message: "Invalid image", field };
  return { message: `${label(field)} is invalid`, field };
}

const UsersV1Error = z
  .object({
    status: z.literal("error"),
    message: z.string().max(1024).meta({ example: PERMISSIONS_ERROR }),
    field: z
      .string()
      .max(256)
      .optional()
      .meta({ description: "The field at fault, when there is one" }),
  })
  .meta({ id: "UsersV1Error" });

// ---- Shapes ----

const UserStruct = z
  .object({
    id: UserId,
    first_name: z.string().max(64),
    mid_name: blank(64).meta({ description: 'Patronymic; "" when there is none' }),
    last_name: z.string().max(64),
    nickname: z.string().max(32).meta({ description: "The login" }),
    userpic: blank(512).meta({ description: 'The avatar\'s address on this server; "" when none' }),
    contacts: z.object({
      email: z.string().max(64),
      phone: blank(16),
      telegram: blank(64),
      viber: blank(64),
    }),
    role: z.enum(["user", "teacher", "admin", "super"]),
    group: FirstGroup.meta({ description: "The first of the person's groups; false in none" }),
    last_activity: MinuteOrBlank,
    create_at: Minute,
  })
  .meta({ id: "UsersV1User" });

/** The unified user, renamed; the codecs of `UserStruct` do the formats. */
const userStruct = (user: User): z.input<typeof UserStruct> => ({
  id: user.id,
  first_name: user.first_name,
  mid_name: user.patronymic,
  last_name: user.last_name,
  nickname: user.login,
  userpic: user.avatar,
  // The original had one email and one phone: the account's own.
  contacts: {
    email: user.email,
    phone: user.phone,
    telegram: user.contacts.telegram,
    viber: user.contacts.viber,
  },
  role: user.role,
  group: user.groups,
  last_activity: user.last_activity_at,
  create_at: user.created_at,
});

const withUser = z.object({ user: UserStruct });
const byId = z.object({ id: digits(UserId) });

/** "" clears an optional field, as the original's forms sent it. */
const blankToNull = (value: string | undefined) =>
  value === undefined ? undefined : value || null;

const NewUser = z.object({
  first_name: filled("first_name"),
  mid_name: ShortText.optional(),
  last_name: filled("last_name"),
  nickname: filled("nickname"),
  email: filled("email"),
  password: filled("password"),
  role: AssignableRole.optional().meta({
    description: "user (default), teacher or admin; only roles below the caller's own",
  }),
});

const UserUpdate = z.object({
  id: digits(UserId),
  first_name: filled("first_name").optional(),
  mid_name: ShortText.optional().meta({ description: '"" clears it' }),
  last_name: filled("last_name").optional(),
  nickname: filled("nickname").optional(),
  email: filled("email").optional().meta({ description: "The same as `contacts.email`" }),
  contacts: z
    .object({
      email: filled("contacts.email").optional(),
      phone: ShortText.optional(),
      telegram: ShortText.optional(),
      viber: ShortText.optional(),
    })
    .optional()
    .meta({ description: '"" clears phone, telegram or viber' }),
  role: z.unknown().optional().meta({ description: "Ignored: use update/role" }),
  userpic: z.unknown().optional().meta({
    description: "Ignored: avatars are uploaded through update/userpic and served by this server",
  }),
});

/** `data:image/png;base64,` and `base64;` prefixes, as the original's clients sent them. */
const IMAGE_PREFIX = /^(?:data:[^,]*,|base64;)/;

const LogStruct = LogEntry.omit({ at: true })
  .extend({ create_at: Minute })
  .meta({ id: "UsersV1LogEntry" });

const LogFilter = z.object({
  by_user: digits(UserId).optional().meta({ description: "Entries about this user" }),
  by_group: digits(GroupId).optional().meta({ description: "Entries about this group" }),
  by_device: digits(DeviceId).optional().meta({ description: "Entries of this device" }),
  order: z.enum(["asc", "desc"]).optional().meta({ description: "By time; newest first" }),
  limit: digits(z.number().int()).optional().meta({ description: "1 to 100, 20 by default" }),
  cursor: Cursor.optional().meta({ description: "`next_cursor` of the previous portion" }),
});

export const usersV1 = defineLegacyApi({
  name: "Users API v1",
  prefixes: ["/api/v1/"],
  credentials: ["bearer"],
  envelope: {
    ok: {
      wrap: (data) => ({ status: "ok", ...(data as object) }),
      schema: (data) =>
        data instanceof z.ZodObject
          ? z.object({ status: z.literal("ok") }).extend(data.shape)
          : z.object({ status: z.literal("ok") }).and(data),
    },
    error: (problem) => {
      const { message, field } =
        problem.code === "validation_failed"
          ? invalidField(problem.errors?.[0])
          : (errorMessages[problem.code] ?? { message: UNKNOWN_ERROR });
      return {
        status: problem.status,
        body: { status: "error", message, ...(field === undefined ? {} : { field }) },
      };
    },
    errorSchema: UsersV1Error,
  },
  routes: {
    newUser: legacyRoute({
      method: "POST",
      path: "/api/v1/users/new_user",
      summary: "Add a user",
      encoding: "json",
      input: NewUser,
      output: withUser,
      runs: "users.create",
      toInput: (input) => ({
        login: input.nickname,
        email: input.email,
        password: input.password,
        first_name: input.first_name,
        last_name: input.last_name,
        patronymic: input.mid_name || undefined,
        role: input.role,
      }),
      toOutput: ({ user }) => ({ user: userStruct(user) }),
    }),
    list: legacyRoute({
      method: "GET",
      path: "/api/v1/users/list",
      summary: "List users",
      encoding: "query",
      input: z.object({
        limit: digits(z.number().int())
          .optional()
          .meta({ description: "1 to 100, 100 by default" }),
        cursor: Cursor.optional().meta({ description: "`next_cursor` of the previous page" }),
      }),
      output: z.object({
        users: z.array(UserStruct).max(PAGE_MAX),
        total: z.number().int(),
        next_cursor: z
          .string()
          .max(CURSOR_MAX)
          .nullable()
          .meta({ description: "null on the last page" }),
      }),
      runs: "users.list",
      // The original listed everyone, oldest first: the largest page comes closest.
      toInput: ({ limit, cursor }) => ({ limit: limit ?? 100, cursor, order: "asc" }),
      toOutput: ({ items, total, next_cursor }) => ({
        users: items.map(userStruct),
        total,
        next_cursor,
      }),
    }),
    get: legacyRoute({
      method: "GET",
      path: "/api/v1/users/id/:id",
      summary: "A user by id",
      encoding: "query",
      input: byId,
      output: withUser,
      runs: "users.get",
      toInput: ({ id }) => ({ id }),
      toOutput: (user) => ({ user: userStruct(user) }),
    }),
    current: legacyRoute({
      method: "GET",
      path: "/api/v1/users/current/",
      summary: "The signed-in user",
      encoding: "query",
      input: z.object({}),
      output: withUser,
      runs: "me.get",
      toInput: () => ({}),
      toOutput: (user) => ({ user: userStruct(user) }),
    }),
    update: legacyRoute({
      method: "POST",
      path: "/api/v1/users/id/:id/update",
      summary: "Edit a user",
      encoding: "json",
      input: UserUpdate,
      output: withUser,
      runs: "users.update",
      toInput: ({ id, first_name, mid_name, last_name, nickname, email, contacts = {} }) => ({
        id,
        first_name,
        last_name,
        patronymic: blankToNull(mid_name),
        login: nickname,
        email: email ?? contacts.email,
        phone: blankToNull(contacts.phone),
        ...(contacts.telegram === undefined && contacts.viber === undefined
          ? {}
          : {
              contacts: {
                telegram: blankToNull(contacts.telegram),
                viber: blankToNull(contacts.viber),
              },
            }),
      }),
      toOutput: (user) => ({ user: userStruct(user) }),
    }),
    userpic: legacyRoute({
      method: "POST",
      path: "/api/v1/users/id/:id/update/userpic",
      summary: "Replace a user's avatar",
      encoding: "json",
      input: z.object({
        id: digits(UserId),
        // The unified upload's base64, plus a prefix and line breaks.
        upload_userpic: z.string().max(1_000_000).meta({
          description:
            "Base64 of a PNG, JPEG, WebP or GIF image, optionally after `data:image/png;base64,` or `base64;`",
        }),
      }),
      output: withUser,
      runs: "users.setAvatar",
      // Line breaks inside base64 are how mail-style encoders wrap it, not part of the image.
      toInput: ({ id, upload_userpic }) => ({
        id,
        image: upload_userpic.replace(IMAGE_PREFIX, "").replace(/\s+/g, ""),
      }),
      toOutput: (user) => ({ user: userStruct(user) }),
    }),
    role: legacyRoute({
      method: "POST",
      path: "/api/v1/users/id/:id/update/role",
      summary: "Change a user's role (super only)",
      encoding: "json",
      input: z.object({
        id: digits(UserId),
        role: z.enum(AssignableRole.options, {
          error: (issue) => (issue.input === undefined ? cantBeEmpty("role") : undefined),
        }),
      }),
      output: withUser,
      runs: "users.setRole",
      toInput: ({ id, role }) => ({ id, role }),
      toOutput: (user) => ({ user: userStruct(user) }),
    }),
    password: legacyRoute({
      method: "POST",
      path: "/api/v1/users/id/:id/update/password",
      summary: "Change my own password",
      encoding: "json",
      input: z.object({
        id: digits(UserId).meta({ description: "The caller's own id; any other is refused" }),
        password: filled("password").meta({ description: "The current password" }),
        new_password: filled("new_password"),
      }),
      output: z.object({}),
      runs: "me.changePassword",
      toInput: ({ id, password, new_password }) => ({ password, new_password, user_id: id }),
      toOutput: () => ({}),
    }),
    resetPassword: legacyRoute({
      method: "GET",
      path: "/api/v1/users/id/:id/reset_password",
      summary: "Reset a user's password",
      encoding: "query",
      input: byId,
      output: z.object({
        new_password: z.string().max(128).meta({
          description: "A one-time password: valid 72 h, to be changed at the next sign-in",
        }),
      }),
      runs: "users.resetPassword",
      toInput: ({ id }) => ({ id }),
      toOutput: ({ new_password }) => ({ new_password }),
    }),
    permissions: legacyRoute({
      method: "GET",
      path: "/api/v1/users/id/:id/permissions",
      summary: "A user's permissions",
      encoding: "query",
      input: byId,
      output: Permissions,
      runs: "users.permissions",
      toInput: ({ id }) => ({ id }),
      toOutput: ({ permissions }) => ({ permissions }),
    }),
    remove: legacyRoute({
      method: "GET",
      path: "/api/v1/users/id/:id/remove",
      summary: "Remove a user",
      encoding: "query",
      input: byId,
      output: withUser,
      runs: "users.remove",
      toInput: ({ id }) => ({ id }),
      toOutput: ({ user }) => ({ user: userStruct(user) }),
    }),
    logs: legacyRoute({
      method: "GET",
      path: "/api/v1/logs/list/filtered",
      summary: "The audit log, filtered, in time order, by portions",
      encoding: "query",
      input: LogFilter,
      output: z.object({
        logs: z.array(LogStruct).max(PAGE_MAX),
        next_cursor: z
          .string()
          .max(CURSOR_MAX)
          .nullable()
          .meta({ description: "null on the last portion" }),
      }),
      runs: "logs.list",
      toInput: ({ by_user, by_group, by_device, order, limit, cursor }) => ({
        user_id: by_user,
        group_id: by_group,
        device_id: by_device,
        order,
        limit,
        cursor,
      }),
      toOutput: ({ items, next_cursor }) => ({
        logs: items.map(({ at, ...entry }) => ({ ...entry, create_at: at })),
        next_cursor,
      }),
    }),
  },
});
