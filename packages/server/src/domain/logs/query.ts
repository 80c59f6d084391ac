import type { LogEntry, LogFilter } from "@kabinet/contracts";
import { eq, gte, lt, schema, sql, type Executor, type SQL } from "@kabinet/db";

const { auditLog, users } = schema;

/** The audit log filters as conditions; each is served by an (column, at, id) index. */
export function logConditions(filter: LogFilter): SQL[] {
  const where: SQL[] = [];
  if (filter.user_id !== undefined) where.push(eq(auditLog.userId, filter.user_id));
  if (filter.actor_id !== undefined) where.push(eq(auditLog.actorId, filter.actor_id));
  if (filter.group_id !== undefined) where.push(eq(auditLog.groupId, filter.group_id));
  if (filter.device_id !== undefined) where.push(eq(auditLog.deviceId, filter.device_id));
  if (filter.action !== undefined) where.push(eq(auditLog.action, filter.action));
  if (filter.from !== undefined) where.push(gte(auditLog.at, new Date(filter.from)));
  if (filter.to !== undefined) where.push(lt(auditLog.at, new Date(filter.to)));
  return where;
}

/** After (or before, newest first) a keyset position on (at, id). */
export function logPosition(order: "asc" | "desc", at: string, id: number): SQL {
  const position = sql`(${auditLog.at}, ${auditLog.id})`;
  const last = sql`(${at}::timestamptz, ${id}::bigint)`;
  return order === "desc" ? sql`${position} < ${last}` : sql`${position} > ${last}`;
}

const loginOf = (column: typeof auditLog.actorId | typeof auditLog.userId) =>
  sql<string | null>`(select ${users.login} from ${users} where ${users.id} = ${column})`;

/** Log rows with the logins of actor and subject (primary-key lookups, no N+1). */
export function selectLogRows(db: Executor) {
  return db
    .select({
      entry: auditLog,
      actorLogin: loginOf(auditLog.actorId),
      userLogin: loginOf(auditLog.userId),
      atText: sql<string>`${auditLog.at}::text`,
    })
    .from(auditLog);
}

type LogRow = Awaited<ReturnType<ReturnType<typeof selectLogRows>["execute"]>>[number];

export function toLogEntry(row: LogRow): LogEntry {
  const { entry } = row;
  return {
    id: entry.id,
    at: entry.at.toISOString(),
    action: entry.action,
    actor_id: entry.actorId,
    actor_login: row.actorLogin,
    user_id: entry.userId,
    user_login: row.userLogin,
    group_id: entry.groupId,
    device_id: entry.deviceId,
    event_id: entry.eventId,
    ip: entry.ip,
    user_agent: entry.userAgent,
    details: entry.details,
  };
}
