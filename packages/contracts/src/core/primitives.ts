import { z } from "zod";

/** Field rules shared by every operation and by the web app's forms. */

export const UserId = z.number().int().positive().max(2_147_483_647).meta({ example: 42 });

export const Login = z
  .string()
  .min(4)
  .max(32)
  .regex(/^[a-z0-9_.]+$/, "Use lowercase latin letters, digits, '_' and '.'")
  .refine((v) => !v.startsWith(".") && !v.endsWith("."), "May not start or end with '.'")
  .meta({ example: "ivan.petrov" });

export const Email = z.email().max(64).meta({ example: "ivan@example.org" });

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

/** Counted in Unicode code points and never trimmed: the password is checked exactly as sent. */
export const Password = z
  .string()
  .max(PASSWORD_MAX * 4)
  .refine((v) => [...v].length >= PASSWORD_MIN, `At least ${PASSWORD_MIN} characters`)
  .refine((v) => [...v].length <= PASSWORD_MAX, `At most ${PASSWORD_MAX} characters`)
  .meta({
    example: "correct horse battery staple",
    description:
      "8 to 128 characters of any kind, checked exactly as sent; well-known passwords and ones containing the login are refused",
  });

/** A password as typed at sign-in: bounded so nothing over-long ever reaches the hasher. */
export const PasswordAttempt = z
  .string()
  .min(1)
  .max(PASSWORD_MAX * 4)
  .refine((v) => [...v].length <= PASSWORD_MAX, `At most ${PASSWORD_MAX} characters`);

export const PersonName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^\p{L}[\p{L}\p{M} '-]*$/u, "Letters, spaces, '-' and ' only")
  .meta({ example: "Иван" });

/** `YYYY-MM-DD`: the format allows exactly 10 characters; the bound says so to the document. */
export const IsoDate = z.iso.date().max(10).meta({ example: "2008-05-17" });

export const Birthday = IsoDate.refine(
  (v) => new Date(`${v}T00:00:00Z`).getTime() < Date.now(),
  "Must be in the past",
);

export const Phone = z
  .string()
  .max(16)
  .regex(/^\+?[0-9]{7,15}$/, "7 to 15 digits, optionally starting with '+'")
  .meta({ example: "+79991234567" });

export const SchoolClass = z.number().int().min(1).max(11).meta({ example: 9 });

export const HexColor = z
  .string()
  .max(7)
  .regex(/^#[0-9a-fA-F]{6}$/, "A colour as #RRGGBB")
  .meta({ example: "#3366ff" });

/** In UTC (`Z`), with fractions of a second to the nanosecond at most: 30 characters. */
export const Timestamp = z.iso.datetime().max(30).meta({ example: "2026-11-23T10:00:00.000Z" });

export const Role = z.enum(["user", "teacher", "admin", "super"]);
export type Role = z.infer<typeof Role>;

export const UserState = z.enum(["new", "activated", "blocked", "deleted"]);
export type UserState = z.infer<typeof UserState>;

export const ShortText = z.string().max(256);
export const LongText = z.string().max(1024);

/** The answer of operations that have nothing else to say. */
export const Ok = z.object({ ok: z.literal(true) });

/** The input of operations that take none: `{}`, or nothing at all. */
export const NoInput = z.object({}).default({});

/** The longest cursor a list accepts, and so the longest it returns. */
export const CURSOR_MAX = 512;

/** An opaque position in a list, as returned in `next_cursor`. */
export const Cursor = z
  .string()
  .max(CURSOR_MAX)
  .regex(/^[A-Za-z0-9_-]+$/, "Not a cursor returned by this list")
  .meta({ description: "`next_cursor` of the previous page; omit for the first page" });

export const PAGE_MAX = 100;

/** Page size of every list: 1 to 100, 20 by default; larger values are refused, not capped. */
export const PageLimit = z.number().int().min(1).max(PAGE_MAX).default(20);

export const SortOrder = z.enum(["asc", "desc"]);

/** A page of a list: its items and the cursor of the next page. Every list answers this way. */
export function page<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item).max(PAGE_MAX),
    next_cursor: z
      .string()
      .max(CURSOR_MAX)
      .nullable()
      .meta({ description: "Pass as `cursor` for the next page; null on the last" }),
  });
}
