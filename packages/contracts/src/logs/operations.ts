import { z } from "zod";

import { defineOperations } from "../core/operation.ts";
import { LogFilter, LogList, LogQuery } from "./schemas.ts";

/** The audit log: read-only, newest first unless asked otherwise. */
export const logs = defineOperations({
  list: {
    method: "GET",
    path: "/logs",
    summary: "Read the audit log",
    description:
      "Filter by user, actor, group, device, action and time range; pages by cursor in either time order.",
    auth: "user",
    permission: "logs:read",
    input: LogQuery,
    output: LogList,
    errors: [],
  },
  export: {
    method: "GET",
    path: "/logs/export.csv",
    summary: "Export the audit log as CSV",
    description:
      "Streams every entry matching the filters as `text/csv` (RFC 4180, UTF-8, header row).",
    auth: "user",
    permission: "logs:read",
    input: LogFilter,
    output: z.string().meta({
      description:
        "CSV: id, at, action, actor_id, actor_login, user_id, user_login, group_id, device_id, event_id, ip, user_agent, details",
    }),
    produces: "text/csv",
    errors: [],
  },
});
