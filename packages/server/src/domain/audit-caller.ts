import type { Executor } from "@kabinet/db";

import { audit, type AuditEntry } from "./audit.ts";
import type { ClientInfo, Principal } from "./context.ts";

/** Appends the audit entry of a change the signed-in caller made, in the change's transaction. */
export function auditByCaller(
  ctx: { principal: Principal; client: ClientInfo },
  tx: Executor,
  entry: Omit<AuditEntry, "actorId">,
): Promise<void> {
  return audit(tx, ctx.client, { ...entry, actorId: ctx.principal.userId });
}
