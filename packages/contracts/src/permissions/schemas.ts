import { z } from "zod";

import { isPermissionName } from "./catalog.ts";

/** A permission name: one of the catalogue, or a machine permission `device:<slug>:use`. */
export const Permission = z
  .string()
  .max(64)
  .refine(
    isPermissionName,
    "Not a known permission: use one of GET /permissions or device:<slug>:use",
  )
  .meta({ example: "device:laser-cutter:use" });

export const PermissionInfo = z
  .object({
    name: z.string().max(64),
    description: z.string().max(128),
    kind: z.enum(["general", "device"]),
  })
  .meta({ id: "PermissionInfo" });

export const PermissionCatalogue = z
  .object({ items: z.array(PermissionInfo) })
  .meta({ id: "PermissionCatalogue" });

/** Someone's effective permissions, sorted. */
export const Permissions = z
  .object({ permissions: z.array(z.string().max(64)) })
  .meta({ id: "Permissions" });
