import { z } from "zod";

import { PAGE_MAX, UserId } from "../core/primitives.ts";
import { PROBLEM_DETAIL_MAX } from "../core/problem.ts";
import { MAX_UPLOAD_BASE64 } from "../core/upload.ts";
import { PublicProfile } from "../profiles/schemas.ts";
import { defineLegacyApi, legacyRoute } from "./define.ts";

/**
 * The community API of the student app: signing out, who I am, profiles (with the avatar and
 * the student-card scan) and friends. Every answer is `{error, error_msg, response}`: `error`
 * is 0 and `error_msg` "" on success; on failure `error` is the HTTP status of the failure,
 * `error_msg` a sentence for the person and `response` null. Parameters come in the query
 * string for GET, as JSON, a form or a multipart form for POST; images as a file part.
 */

/** A person's id, as JSON sends it (a number) or as a query, a form or a JSON string does. */
const Id = z.union([
  UserId,
  z.codec(
    z
      .string()
      .max(10)
      .regex(/^[0-9]{1,10}$/, "A user id: a whole number"),
    z.number(),
    { decode: Number, encode: String },
  ),
]);

const ById = z.object({ user_id: Id.meta({ description: "The person's id" }) });

/** An image, in base64 when sent in JSON or a form; a file part of this name in multipart. */
const Image = z
  .string()
  .max(MAX_UPLOAD_BASE64 + 4096)
  .meta({
    description:
      "A PNG, JPEG, WebP or GIF file of at most 5 MiB (recognised by content): a file part in multipart/form-data, or its base64 (optionally after `data:image/…;base64,`) in JSON or a form",
  });

/** `data:image/png;base64,` as browsers' readers write it. */
const DATA_URL_PREFIX = /^data:[^,]{0,100},/;

/** The base64 of an image as the unified operations take it: no prefix, no line breaks. */
const base64Of = (image: string) => image.replace(DATA_URL_PREFIX, "").replace(/\s+/g, "");

/** "" clears a text, as forms send an emptied field. */
const orNull = (value: string | undefined) =>
  value === undefined ? undefined : value === "" ? null : value;

const Nothing = z.object({}).meta({ description: "Nothing: the call succeeded" });

const CommunityError = z
  .object({
    error: z
      .number()
      .int()
      .min(400)
      .max(599)
      .meta({ description: "The HTTP status of the failure (400, 401, 403, 404, 413, 429…)" }),
    error_msg: z
      .string()
      .max(PROBLEM_DETAIL_MAX)
      .meta({ description: "A sentence for the person" }),
    response: z.null(),
  })
  .meta({ id: "CommunityError" });

const Person = PublicProfile.pick({ user_id: true, display_name: true });

export const community = defineLegacyApi({
  name: "Community",
  prefixes: ["/accounts/", "/api/auth/", "/api/profile/", "/api/friends/"],
  // The student app sent the site's session cookie; other clients an access or session token.
  credentials: ["bearer", "web-cookie"],
  envelope: {
    ok: {
      wrap: (data) => ({ error: 0, error_msg: "", response: data }),
      schema: (data) => z.object({ error: z.literal(0), error_msg: z.literal(""), response: data }),
    },
    // The original defined no codes: the status says what went wrong, the message how.
    error: (problem) => ({
      status: problem.status,
      body: { error: problem.status, error_msg: problem.detail, response: null },
    }),
    errorSchema: CommunityError,
  },
  routes: {
    logout: legacyRoute({
      method: "POST",
      path: "/accounts/logout/",
      summary: "Sign out: end the current session",
      encoding: "json-form-or-multipart",
      input: z.object({}),
      output: Nothing,
      runs: "auth.logout",
      // The session is the caller's own: the one of the token or cookie the call carries.
      toInput: () => ({}),
      toOutput: () => ({}),
    }),
    currentUserId: legacyRoute({
      method: "GET",
      path: "/api/auth/GetCurrentUserId",
      summary: "My id",
      encoding: "query",
      input: z.object({}),
      output: z.object({ user_id: UserId }),
      runs: "me.get",
      toInput: () => ({}),
      toOutput: (user) => ({ user_id: user.id }),
    }),
    getProfile: legacyRoute({
      method: "GET",
      path: "/api/profile/GetProfile",
      summary: "Anyone's profile",
      encoding: "query",
      input: ById,
      // The unified profile as it is, less the id the caller already sent.
      output: PublicProfile.omit({ user_id: true }),
      runs: "profiles.get",
      toInput: ({ user_id }) => ({ user_id }),
      toOutput: ({ pic, display_name, confirmed, bio, karma }) => ({
        pic,
        display_name,
        confirmed,
        bio,
        karma,
      }),
    }),
    updateProfilePicture: legacyRoute({
      method: "POST",
      path: "/api/profile/UpdateProfilePicture",
      summary: "Replace my avatar",
      encoding: "json-form-or-multipart",
      file: "image",
      input: z.object({
        image: Image,
        name: z.string().max(255).optional().meta({
          description: "The file's name with its extension; the content decides the format",
        }),
      }),
      output: Nothing,
      runs: "me.setAvatar",
      toInput: ({ image }) => ({ image: base64Of(image) }),
      toOutput: () => ({}),
    }),
    updateProfileInfo: legacyRoute({
      method: "POST",
      path: "/api/profile/UpdateProfileInfo",
      summary: "Change my name or bio",
      encoding: "json-form-or-multipart",
      input: z
        .object({
          display_name: z
            .string()
            .max(256)
            .optional()
            .meta({ description: 'The name others see; "" shows the first and last name' }),
          bio: z
            .string()
            .max(1024)
            .optional()
            .meta({ description: 'Group, faculty, university; "" clears it' }),
        })
        .refine((v) => v.display_name !== undefined || v.bio !== undefined, {
          message: "Send display_name, bio or both",
          path: ["display_name"],
        }),
      output: Nothing,
      runs: "me.update",
      toInput: ({ display_name, bio }) => ({
        display_name: orNull(display_name),
        bio: orNull(bio),
      }),
      toOutput: () => ({}),
    }),
    uploadProfileConfirmation: legacyRoute({
      method: "POST",
      path: "/api/profile/UploadProfileConfirmation",
      summary: "Send a student-card scan, replacing the previous one",
      encoding: "json-form-or-multipart",
      file: "image",
      input: z.object({ image: Image }),
      output: Nothing,
      runs: "confirmations.submit",
      toInput: ({ image }) => ({ image: base64Of(image) }),
      toOutput: () => ({}),
    }),
    findByName: legacyRoute({
      method: "GET",
      path: "/api/profile/FindByName",
      summary: "Find people by part of their name (the first 100)",
      encoding: "query",
      input: z.object({
        display_name_part: z
          .string()
          .trim()
          .min(4, "At least 4 characters")
          .max(64)
          .meta({ description: "Part of the name, at least 4 characters; case does not matter" }),
      }),
      output: z.object({ users: z.array(Person).max(PAGE_MAX) }),
      runs: "profiles.search",
      // The original answered everyone found; one page of the largest size comes closest.
      toInput: ({ display_name_part }) => ({ name: display_name_part, limit: PAGE_MAX }),
      toOutput: ({ items }) => ({
        users: items.map(({ user_id, display_name }) => ({ user_id, display_name })),
      }),
    }),
    friendList: legacyRoute({
      method: "GET",
      path: "/api/friends/GetFriendList",
      summary: "My friends and the people I asked (the 100 most recent)",
      encoding: "query",
      input: z.object({}),
      output: z.object({
        friends: z
          .array(
            Person.extend({
              pending: z
                .boolean()
                .meta({ description: "true: I asked them and they have not answered yet" }),
            }),
          )
          .max(PAGE_MAX),
      }),
      runs: "friends.list",
      toInput: () => ({ limit: PAGE_MAX, include_outgoing: true }),
      toOutput: ({ items }) => ({
        friends: items.map(({ user_id, display_name, pending }) => ({
          user_id,
          display_name,
          pending,
        })),
      }),
    }),
    sendFriendRequest: legacyRoute({
      method: "POST",
      path: "/api/friends/SendFriendRequest",
      summary: "Ask someone to be friends; asking back accepts",
      encoding: "json-form-or-multipart",
      input: ById,
      output: Nothing,
      runs: "friends.request",
      toInput: ({ user_id }) => ({ user_id }),
      toOutput: () => ({}),
    }),
    friendRequests: legacyRoute({
      method: "GET",
      path: "/api/friends/GetFriendRequests",
      summary: "Who asked me to be friends (the 100 most recent)",
      encoding: "query",
      input: z.object({}),
      output: z.object({
        requests: z
          .array(UserId)
          .max(PAGE_MAX)
          .meta({ description: "The ids of the people who asked" }),
      }),
      runs: "friends.requests",
      toInput: () => ({ direction: "incoming", limit: PAGE_MAX }),
      toOutput: ({ items }) => ({ requests: items.map((item) => item.user_id) }),
    }),
    removeFriend: legacyRoute({
      method: "POST",
      path: "/api/friends/RemoveFriend",
      summary: "Cancel my request, decline theirs or unfriend",
      encoding: "json-form-or-multipart",
      input: ById,
      output: Nothing,
      runs: "friends.remove",
      toInput: ({ user_id }) => ({ user_id }),
      toOutput: () => ({}),
    }),
  },
});
