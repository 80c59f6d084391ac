import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export type ContactsColumn = {
  email?: string | null;
  phone?: string | null;
  telegram?: string | null;
  viber?: string | null;
};

export const users = pgTable(
  "users",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    login: text("login").notNull(),
    email: text("email").notNull(),
    passwordHash: text("password_hash").notNull(),
    /** Set for admin-generated one-time passwords: they stop working at this time. */
    passwordExpiresAt: timestamptz("password_expires_at"),
    passwordChangeRequired: boolean("password_change_required").notNull().default(false),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    patronymic: text("patronymic"),
    displayName: text("display_name"),
    birthday: date("birthday", { mode: "string" }),
    phone: text("phone"),
    contacts: jsonb("contacts").$type<ContactsColumn>().notNull().default({}),
    schoolClass: smallint("class"),
    description: text("description"),
    bio: text("bio"),
    backgroundColor: text("background_color"),
    avatarUrl: text("avatar_url"),
    role: text("role", { enum: ["user", "teacher", "admin", "super"] })
      .notNull()
      .default("user"),
    state: text("state", { enum: ["new", "activated", "blocked", "deleted"] })
      .notNull()
      .default("new"),
    confirmed: boolean("confirmed").notNull().default(false),
    /** The end of the current student-card confirmation; `confirmed` reads false from then. */
    confirmedUntil: timestamptz("confirmed_until"),
    karma: integer("karma").notNull().default(0),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    lastActivityAt: timestamptz("last_activity_at"),
    /** Everything the admin search `q` matches, lowercased, under a trigram index. */
    searchText: text("search_text").generatedAlwaysAs(
      sql`lower(login || ' ' || first_name || ' ' || last_name || ' ' || coalesce(patronymic, '') || ' ' || coalesce(display_name, '') || ' ' || email)`,
    ),
    /**
     * The public name, lowercased: the display name, or "first last" without one. Profile
     * search matches substrings of it (through profileNameGrams) and sorts by it.
     */
    profileName: text("profile_name").generatedAlwaysAs(
      sql`lower(coalesce(display_name, first_name || ' ' || last_name))`,
    ),
  },
  (t) => [
    uniqueIndex("users_login_lower_key").on(sql`lower(${t.login})`),
    uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`),
    // Exactly one super: a second one cannot be inserted, however the requests race.
    uniqueIndex("users_single_super_key")
      .on(t.role)
      .where(sql`${t.role} = 'super'`),
    // One index per sort and filter of the users list; each ends in id for keyset paging.
    index("users_created_at_idx").on(t.createdAt, t.id),
    index("users_last_activity_idx").on(
      sql`coalesce(${t.lastActivityAt}, '-infinity'::timestamptz)`,
      t.id,
    ),
    index("users_role_created_idx").on(t.role, t.createdAt, t.id),
    index("users_state_created_idx").on(t.state, t.createdAt, t.id),
    index("users_search_trgm_idx").using("gin", t.searchText.op("gin_trgm_ops")),
  ],
);

/**
 * Every distinct 4-character fragment of each findable person's `profile_name` (neither blocked
 * nor removed), with the name and id. A search term has at least 4 characters, so every name
 * containing it is listed under each of its fragments, in (name, id) order: a page walks one
 * fragment's entries in that order and stops after a page of matches, however many people
 * match in all. Written only by triggers on `users` (see the migration that created it), in
 * the same transaction as the change to the name or state.
 */
export const profileNameGrams = pgTable(
  "profile_name_grams",
  {
    gram: text("gram").notNull(),
    name: text("name").notNull(),
    userId: integer("user_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.gram, t.name, t.userId] })],
);

export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    ip: text("ip"),
    userAgent: text("user_agent"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    lastUsedAt: timestamptz("last_used_at").notNull().defaultNow(),
    expiresAt: timestamptz("expires_at").notNull(),
    revokedAt: timestamptz("revoked_at"),
    revokeReason: text("revoke_reason"),
    /**
     * SHA-256 of the session token, for sessions that were given one: a long-lived bearer
     * token for clients that cannot refresh, valid exactly while the session is.
     */
    tokenHash: text("token_hash"),
  },
  (t) => [
    index("sessions_user_active_idx")
      .on(t.userId)
      .where(sql`${t.revokedAt} is null`),
    uniqueIndex("sessions_token_hash_key").on(t.tokenHash),
  ],
);

/** Every refresh token ever issued, by hash: a spent one presented again reveals theft. */
export const refreshTokens = pgTable(
  "refresh_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    issuedAt: timestamptz("issued_at").notNull().defaultNow(),
    spentAt: timestamptz("spent_at"),
  },
  (t) => [index("refresh_tokens_session_idx").on(t.sessionId)],
);

/** Append-only: rows are inserted in the same transaction as the change they describe. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamptz("at").notNull().defaultNow(),
    actorId: integer("actor_id"),
    action: text("action").notNull(),
    userId: integer("user_id"),
    groupId: integer("group_id"),
    deviceId: integer("device_id"),
    eventId: uuid("event_id"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index("audit_log_at_idx").on(t.at, t.id),
    index("audit_log_user_at_idx").on(t.userId, t.at, t.id),
    index("audit_log_actor_at_idx").on(t.actorId, t.at, t.id),
    index("audit_log_action_at_idx").on(t.action, t.at, t.id),
    index("audit_log_group_at_idx").on(t.groupId, t.at, t.id),
    index("audit_log_device_at_idx").on(t.deviceId, t.at, t.id),
  ],
);

export const groups = pgTable(
  "groups",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    name: text("name").notNull(),
    description: text("description"),
    /** Permission names the group grants its members. */
    permissions: text("permissions")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("groups_name_lower_key").on(sql`lower(${t.name})`)],
);

export const groupMembers = pgTable(
  "group_members",
  {
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    addedAt: timestamptz("added_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.userId] }),
    index("group_members_user_idx").on(t.userId),
  ],
);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * Uploaded images, re-encoded and immutable: a new upload is a new row. Avatars are public;
 * scans (student cards) are served only to their owner and reviewers, and deleted once decided.
 */
export const media = pgTable(
  "media",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerId: integer("owner_id").references(() => users.id),
    kind: text("kind", { enum: ["avatar", "scan"] }).notNull(),
    contentType: text("content_type").notNull(),
    bytes: bytea("bytes").notNull(),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [index("media_owner_idx").on(t.ownerId)],
);

/** Server-wide settings that must survive restarts (the generated JWT secret). */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamptz("updated_at").notNull().defaultNow(),
});

/** Counters of rate-limiter-flexible's drizzle store (used on PostgreSQL). */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  points: integer("points").notNull(),
  expire: timestamptz("expire"),
});

/** Machines, doors and terminals that resolve members' QR codes with their own API key. */
export const devices = pgTable(
  "devices",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    location: text("location"),
    /** What a member must hold to be allowed at this device (`device:<slug>:use` by default). */
    requiredPermission: text("required_permission").notNull(),
    /** SHA-256 of the current API key; the key itself is shown once and never stored. */
    keyHash: text("key_hash").notNull(),
    /** The key's first characters, so an admin can tell which key a leaked one is. */
    keyPrefix: text("key_prefix").notNull(),
    keyRotatedAt: timestamptz("key_rotated_at").notNull().defaultNow(),
    lastSeenAt: timestamptz("last_seen_at"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("devices_slug_key").on(t.slug),
    uniqueIndex("devices_key_hash_key").on(t.keyHash),
  ],
);

/**
 * Personal QR codes, by hash. Each is valid for one window; rows outlive their window for a
 * day so that a late scan answers "expired" rather than "unknown".
 */
export const qrCodes = pgTable(
  "qr_codes",
  {
    codeHash: text("code_hash").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    validFrom: timestamptz("valid_from").notNull(),
    validUntil: timestamptz("valid_until").notNull(),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("qr_codes_user_idx").on(t.userId, t.validUntil),
    index("qr_codes_valid_until_idx").on(t.validUntil),
  ],
);

/**
 * Answers to resolutions sent with an idempotency key: a terminal retrying after a lost
 * answer gets the first answer again, and the scan is logged once.
 */
export const qrResolutions = pgTable(
  "qr_resolutions",
  {
    caller: text("caller").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    response: jsonb("response").$type<Record<string, unknown>>().notNull(),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.caller, t.idempotencyKey] }),
    index("qr_resolutions_created_idx").on(t.createdAt),
  ],
);

/* ---------------------------------------------------------------------------------------------
 * Friends. One row per pair of people, whichever asked: the unique index on the pair (smaller
 * id, larger id) makes a second relation impossible, however requests race.
 * ------------------------------------------------------------------------------------------- */

export const friendships = pgTable(
  "friendships",
  {
    requesterId: integer("requester_id")
      .notNull()
      .references(() => users.id),
    addresseeId: integer("addressee_id")
      .notNull()
      .references(() => users.id),
    status: text("status", { enum: ["pending", "accepted"] }).notNull(),
    requestedAt: timestamptz("requested_at").notNull().defaultNow(),
    /** When the relation took its current status: the request, then the acceptance. */
    since: timestamptz("since").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("friendships_pair_key").on(
      sql`least(${t.requesterId}, ${t.addresseeId})`,
      sql`greatest(${t.requesterId}, ${t.addresseeId})`,
    ),
    check("friendships_not_self", sql`${t.requesterId} <> ${t.addresseeId}`),
    // Lists by either side, newest first, each ending in the other person for keyset paging.
    index("friendships_requester_idx").on(t.requesterId, t.status, t.since, t.addresseeId),
    index("friendships_addressee_idx").on(t.addresseeId, t.status, t.since, t.requesterId),
  ],
);

/* ---- Student-card confirmation ---- */

/**
 * Requests to confirm a student card, one row per scan sent. A pending request links its
 * scan; a decision deletes the scan and keeps only the outcome, the reviewer and the time.
 */
export const studentConfirmations = pgTable(
  "student_confirmations",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    status: text("status", { enum: ["pending", "approved", "rejected"] })
      .notNull()
      .default("pending"),
    /** The scan while the request is pending; null once decided (the media row is deleted). */
    scanId: uuid("scan_id").references(() => media.id, { onDelete: "set null" }),
    submittedAt: timestamptz("submitted_at").notNull().defaultNow(),
    decidedAt: timestamptz("decided_at"),
    decidedBy: integer("decided_by").references(() => users.id),
    reason: text("reason"),
    /** For approvals: the end of the academic year it holds for. */
    validUntil: timestamptz("valid_until"),
  },
  (t) => [
    // The review queue, oldest first, by keyset.
    index("student_confirmations_pending_idx")
      .on(t.submittedAt, t.id)
      .where(sql`${t.status} = 'pending'`),
    // At most one pending request per person: a new scan replaces the pending one.
    uniqueIndex("student_confirmations_one_pending_key")
      .on(t.userId)
      .where(sql`${t.status} = 'pending'`),
    // A person's latest request.
    index("student_confirmations_user_idx").on(t.userId, t.id),
  ],
);
