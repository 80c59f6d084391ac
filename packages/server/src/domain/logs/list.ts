import type { LogEntry, LogQuery } from "@kabinet/contracts";
import { and, asc, desc, schema } from "@kabinet/db";

import type { Context } from "../context.ts";
import { decodeCursor, encodeCursor, takePage } from "../paging.ts";
import { logConditions, logPosition, selectLogRows, toLogEntry } from "./query.ts";

const { auditLog } = schema;

/** One page of the audit log; keyset paging keeps page 1,000 as cheap as page 1. */
export async function listLogs(
  ctx: Context<"user">,
  query: LogQuery,
): Promise<{ items: LogEntry[]; next_cursor: string | null }> {
  const ordering = `at:${query.order}`;
  const after = decodeCursor(query.cursor, ordering);
  const where = logConditions(query);
  if (after) where.push(logPosition(query.order, after.sortValue, after.id));
  const direction = query.order === "desc" ? desc : asc;
  const rows = await selectLogRows(ctx.services.db)
    .where(and(...where))
    .orderBy(direction(auditLog.at), direction(auditLog.id))
    .limit(query.limit + 1);
  const page = takePage(rows, query.limit, (last) =>
    encodeCursor(ordering, last.atText, last.entry.id),
  );
  return { items: page.rows.map(toLogEntry), next_cursor: page.nextCursor };
}
