import { z } from "zod";

import { Cursor, page, PageLimit, Timestamp } from "../core/primitives.ts";
import { DEVICE_SLUG_PATTERN } from "../permissions/catalog.ts";
import { Permission } from "../permissions/schemas.ts";

export const DeviceId = z.number().int().positive().max(2_147_483_647).meta({ example: 3 });

export const DeviceSlug = z
  .string()
  .min(1)
  .max(48)
  .regex(DEVICE_SLUG_PATTERN, "Lowercase latin letters, digits and '-', not at either end")
  .meta({ example: "laser-cutter" });

export const Device = z
  .object({
    id: DeviceId,
    name: z.string().max(64),
    slug: DeviceSlug,
    location: z.string().max(128).nullable(),
    required_permission: z.string().max(64).meta({ example: "device:laser-cutter:use" }),
    key_prefix: z
      .string()
      .max(10)
      .meta({ description: "The first characters of the current API key, to recognise it" }),
    key_rotated_at: Timestamp,
    last_seen_at: Timestamp.nullable().meta({
      description: "Last request made with the device's key, to the minute",
    }),
    created_at: Timestamp,
  })
  .meta({ id: "Device" });
export type Device = z.infer<typeof Device>;

export const DeviceWithKey = z.object({
  device: Device,
  // `kbd_` and 256 random bits in base64url.
  api_key: z.string().max(47).meta({
    description:
      "Shown only in this answer; stored hashed. Send as `Authorization: Bearer <api_key>`.",
    example: "kbd_Zk3v9Qm2xR7tLw1pNc8yHa4sUe6oJd0b",
  }),
});

const DeviceName = z.string().trim().min(1).max(64).meta({ example: "Laser cutter" });
const Location = z.string().trim().max(128).nullable();

export const CreateDeviceInput = z.object({
  name: DeviceName,
  slug: DeviceSlug,
  location: Location.optional(),
  required_permission: Permission.optional().meta({
    description: "Defaults to `device:<slug>:use`",
  }),
});
export type CreateDeviceInput = z.infer<typeof CreateDeviceInput>;

export const DevicePatch = z.object({
  name: DeviceName.optional(),
  location: Location.optional(),
  required_permission: Permission.optional(),
});
export type DevicePatch = z.infer<typeof DevicePatch>;

export const DeviceListQuery = z.object({ limit: PageLimit, cursor: Cursor.optional() });
export const DeviceList = page(Device);
