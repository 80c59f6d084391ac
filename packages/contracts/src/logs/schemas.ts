import { z } from "zod";

import { Cursor, page, PageLimit, SortOrder, Timestamp, UserId } from "../core/primitives.ts";

const Id = z.number().int().positive().max(2_147_483_647);

export const LogEntry = z
  .object({
    id: z.number().int(),
    at: Timestamp,
    action: z.string().max(64).meta({ example: "user.role_changed" }),
    actor_id: z.number().int().nullable(),
    actor_login: z.string().max(32).nullable(),
    user_id: z.number().int().nullable(),
    user_login: z.string().max(32).nullable(),
    group_id: z.number().int().nullable(),
    device_id: z.number().int().nullable(),
    event_id: z.string().max(36).nullable(),
    ip: z.string().max(64).nullable(),
    user_agent: z.string().max(512).nullable().meta({ description: "The first 512 characters" }),
    details: z.record(z.string().max(64), z.unknown()),
  })
  .meta({ id: "LogEntry" });
export type LogEntry = z.infer<typeof LogEntry>;

/** Filters of the audit log, shared by the paged list and the CSV export. */
export const LogFilter = z.object({
  user_id: UserId.optional().meta({ description: "The user the entry is about" }),
  actor_id: UserId.optional().meta({ description: "Who did it" }),
  group_id: Id.optional(),
  device_id: Id.optional(),
  action: z
    .string()
    .max(64)
    .regex(/^[a-z_]+(\.[a-z_]+)*$/, "An action name such as user.role_changed")
    .optional(),
  from: Timestamp.optional().meta({ description: "Entries at or after this time" }),
  to: Timestamp.optional().meta({ description: "Entries before this time" }),
  order: SortOrder.default("desc"),
});
export type LogFilter = z.infer<typeof LogFilter>;

export const LogQuery = LogFilter.extend({ limit: PageLimit, cursor: Cursor.optional() });
export type LogQuery = z.infer<typeof LogQuery>;

export const LogList = page(LogEntry);
