import type { GroupHandlers } from "../context.ts";
import { exportLogsCsv } from "./export.ts";
import { listLogs } from "./list.ts";

/** The audit log: pages of it, and the whole filtered log as CSV. */
export const logsHandlers: GroupHandlers<"logs"> = {
  list: listLogs,
  export: (ctx, filter) => Promise.resolve(exportLogsCsv(ctx, filter)),
};
