import type { AuditAction } from "@kabinet/contracts";
import { preparedPerDatabase, schema, sql, type Database, type Executor } from "@kabinet/db";

import type { ClientInfo } from "./context.ts";

export interface AuditEntry {
  /** One of the contracts' `auditActions`, which the web app offers as filters. */
  action: AuditAction;
  actorId?: number | null;
  userId?: number | null;
  groupId?: number | null;
  deviceId?: number | null;
  eventId?: string | null;
  details?: Record<string, unknown>;
}

const placeholder = (name: string) => sql.placeholder(name);

/** The insert prepared once per database, for entries that are the only write of a request. */
const insertFor = preparedPerDatabase((db) =>
  db
    .insert(schema.auditLog)
    .values({
      action: placeholder("action"),
      actorId: placeholder("actorId"),
      userId: placeholder("userId"),
      groupId: placeholder("groupId"),
      deviceId: placeholder("deviceId"),
      eventId: placeholder("eventId"),
      ip: placeholder("ip"),
      userAgent: placeholder("userAgent"),
      details: placeholder("details"),
    })
    .prepare("audit_insert"),
);

/** The columns of one entry; for statements that write an entry along with other rows. */
export function auditValues(client: ClientInfo, entry: AuditEntry) {
  return {
    action: entry.action,
    actorId: entry.actorId ?? null,
    userId: entry.userId ?? null,
    groupId: entry.groupId ?? null,
    deviceId: entry.deviceId ?? null,
    eventId: entry.eventId ?? null,
    ip: client.ip,
    userAgent: client.userAgent?.slice(0, 512) ?? null,
    details: entry.details ?? {},
  };
}

/** Appends one entry as a statement of its own, on a hot path (a scan, a failed sign-in). */
export async function auditAlone(
  db: Database,
  client: ClientInfo,
  entry: AuditEntry,
): Promise<void> {
  await insertFor(db).execute(auditValues(client, entry));
}

/** Appends to the audit log; pass the transaction of the change it records. */
export async function audit(tx: Executor, client: ClientInfo, entry: AuditEntry): Promise<void> {
  await tx.insert(schema.auditLog).values(auditValues(client, entry));
}
