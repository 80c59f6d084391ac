import { z } from "zod";

import { Cursor, page, PageLimit, Timestamp } from "../core/primitives.ts";
import { Permission } from "../permissions/schemas.ts";
import { UserSummary } from "../users/schemas.ts";

export const GroupId = z.number().int().positive().max(2_147_483_647).meta({ example: 7 });

export const GroupName = z.string().trim().min(1).max(64).meta({ example: "Laser cutter trained" });

export const Group = z
  .object({
    id: GroupId,
    name: GroupName,
    description: z.string().max(256).nullable(),
    permissions: z.array(z.string().max(64)).max(100),
    member_count: z.number().int(),
    created_at: Timestamp,
  })
  .meta({ id: "Group" });
export type Group = z.infer<typeof Group>;

const GroupPermissions = z
  .array(Permission)
  .max(100)
  .transform((names) => [...new Set(names)].sort());

export const CreateGroupInput = z.object({
  name: GroupName,
  description: z.string().trim().max(256).nullable().optional(),
  permissions: GroupPermissions.default([]),
});
export type CreateGroupInput = z.infer<typeof CreateGroupInput>;

export const GroupPatch = z.object({
  name: GroupName.optional(),
  description: z.string().trim().max(256).nullable().optional(),
  permissions: GroupPermissions.optional().meta({ description: "Replaces the whole list" }),
});
export type GroupPatch = z.infer<typeof GroupPatch>;

export const GroupListQuery = z.object({
  q: z.string().trim().max(64).optional().meta({ description: "Part of the name" }),
  limit: PageLimit,
  cursor: Cursor.optional(),
});

export const GroupList = page(Group);

export const MemberListQuery = z.object({
  id: GroupId,
  limit: PageLimit,
  cursor: Cursor.optional(),
});
export const MemberList = page(UserSummary);
