import { z } from "zod";

import { AppError } from "./errors.ts";

/**
 * Keyset cursors: the last row's sort value (as the database printed it, so no precision is
 * lost) and id, with the ordering they belong to. Opaque to clients, base64url JSON inside.
 */
// A sort value may be a name: first and last name with a space between is up to 129 characters.
const CursorPayload = z.tuple([z.string().max(64), z.string().max(160), z.number().int()]);
type CursorPayload = z.infer<typeof CursorPayload>;

export function encodeCursor(ordering: string, sortValue: string, id: number): string {
  return Buffer.from(JSON.stringify([ordering, sortValue, id])).toString("base64url");
}

/** The position a cursor names; a cursor of another ordering or a forged one is a 400. */
export function decodeCursor(
  cursor: string | undefined,
  ordering: string,
): { sortValue: string; id: number } | null {
  if (cursor === undefined) return null;
  let payload: CursorPayload;
  try {
    payload = CursorPayload.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw AppError.invalid("cursor", "Not a cursor returned by this list");
  }
  if (payload[0] !== ordering)
    throw AppError.invalid(
      "cursor",
      "The cursor belongs to another sort order; start from the first page",
    );
  return { sortValue: payload[1], id: payload[2] };
}

/** Splits the one extra row a page query fetches off into the next cursor. */
export function takePage<T>(
  rows: T[],
  limit: number,
  cursorOf: (last: T) => string,
): { rows: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const pageRows = rows.slice(0, limit);
  return { rows: pageRows, nextCursor: cursorOf(pageRows[pageRows.length - 1]!) };
}

/** `%`, `_` and `\` taken literally in a LIKE pattern. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
