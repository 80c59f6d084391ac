import { schema, type Executor } from "@kabinet/db";
import type { ClientInfo } from "./context.ts";

export interface AuditEntry {
  action: string;
  actorId?: number | null;
  userId?: number | null;
  groupId?: number | null;
  deviceId?: number | null;
  eventId?: string | null;
  details?: Record<string, unknown>;
}

/** Appends to the audit log; pass the transaction of the change it records. */
export async function audit(tx: Executor, client: ClientInfo, entry: AuditEntry): Promise<void> {
  await tx.insert(schema.auditLog).values({
    action: entry.action,
    actorId: entry.actorId ?? null,
    userId: entry.userId ?? null,
    groupId: entry.groupId ?? null,
    deviceId: entry.deviceId ?? null,
    eventId: entry.eventId ?? null,
    ip: client.ip,
    userAgent: client.userAgent?.slice(0, 512) ?? null,
    details: entry.details ?? {},
  });
}
