import { auditActions } from "@kabinet/contracts";

/** Actions the audit log records, offered as suggestions; the filter takes any valid name. */
export const knownLogActions: readonly string[] = auditActions;
