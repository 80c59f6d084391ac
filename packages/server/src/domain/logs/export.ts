import { stringify } from "csv-stringify/sync";

import type { LogEntry, LogFilter } from "@kabinet/contracts";
import { and, asc, desc, lt, schema } from "@kabinet/db";

import type { Context } from "../context.ts";
import { logConditions, logPosition, selectLogRows, toLogEntry } from "./query.ts";

const { auditLog } = schema;

const BATCH = 1000;

const logCsvColumns = [
  "id",
  "at",
  "action",
  "actor_id",
  "actor_login",
  "user_id",
  "user_login",
  "group_id",
  "device_id",
  "event_id",
  "ip",
  "user_agent",
  "details",
] as const;

/**
 * Spreadsheets run cells starting with = + - @ as formulas; user agents and details are
 * caller-controlled, so such cells are prefixed with ' (OWASP "CSV injection").
 */
function cell(value: LogEntry[keyof LogEntry]): string {
  if (value === null) return "";
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * The filtered log as CSV, in batches of rows read by keyset: memory stays flat however long
 * the log is. The export ends at the moment it started, so entries written meanwhile (its own
 * reads are not logged) cannot make it run forever.
 */
export async function* exportLogsCsv(
  ctx: Context<"user">,
  filter: LogFilter,
): AsyncGenerator<string> {
  const { db } = ctx.services;
  const startedAt = new Date();
  const direction = filter.order === "desc" ? desc : asc;
  yield stringify([[...logCsvColumns]]);
  let after: { at: string; id: number } | null = null;
  for (;;) {
    const where = [...logConditions(filter), lt(auditLog.at, startedAt)];
    if (after) where.push(logPosition(filter.order, after.at, after.id));
    const rows = await selectLogRows(db)
      .where(and(...where))
      .orderBy(direction(auditLog.at), direction(auditLog.id))
      .limit(BATCH);
    if (rows.length === 0) return;
    const records = rows.map((row) => {
      const entry = toLogEntry(row);
      return logCsvColumns.map((column) => cell(entry[column]));
    });
    yield stringify(records);
    if (rows.length < BATCH) return;
    const last = rows[rows.length - 1]!;
    after = { at: last.atText, id: last.entry.id };
  }
}
