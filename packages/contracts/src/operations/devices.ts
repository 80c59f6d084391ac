import { z } from "zod";

import { defineOperations } from "../operation.ts";
import { Ok } from "../schemas/auth.ts";
import {
  CreateDeviceInput,
  Device,
  DeviceId,
  DeviceList,
  DeviceListQuery,
  DevicePatch,
  DeviceWithKey,
  ServerSettings,
} from "../schemas/devices.ts";
import { NoInput } from "../schemas/primitives.ts";
import { Resolution, ResolveInput } from "../schemas/qr.ts";

const byId = z.object({ id: DeviceId });

/** Devices that read members' QR codes (SPEC §5). */
export const devices = defineOperations({
  list: {
    method: "GET",
    path: "/devices",
    summary: "List devices",
    auth: "user",
    permission: "devices:manage",
    input: DeviceListQuery,
    output: DeviceList,
    errors: [],
  },
  get: {
    method: "GET",
    path: "/devices/:id",
    summary: "A device",
    auth: "user",
    permission: "devices:manage",
    input: byId,
    output: Device,
    errors: ["device_not_found"],
  },
  create: {
    method: "POST",
    path: "/devices",
    summary: "Register a device",
    description: "Answers with the device's API key, shown this once.",
    auth: "user",
    permission: "devices:manage",
    input: CreateDeviceInput,
    output: DeviceWithKey,
    status: 201,
    errors: ["device_slug_taken"],
  },
  update: {
    method: "PATCH",
    path: "/devices/:id",
    summary: "Rename, move or re-permission a device",
    description: "The slug is fixed: terminals and permissions refer to it.",
    auth: "user",
    permission: "devices:manage",
    input: DevicePatch.extend({ id: DeviceId }),
    output: Device,
    errors: ["device_not_found"],
  },
  rotateKey: {
    method: "POST",
    path: "/devices/:id/key",
    summary: "Rotate a device's API key",
    description: "The old key stops working at once; the new one is shown this once.",
    auth: "user",
    permission: "devices:manage",
    input: byId,
    output: DeviceWithKey,
    errors: ["device_not_found"],
  },
  remove: {
    method: "DELETE",
    path: "/devices/:id",
    summary: "Remove a device",
    description: "Its key stops working at once; its audit-log entries stay.",
    auth: "user",
    permission: "devices:manage",
    input: byId,
    output: Ok,
    errors: ["device_not_found"],
  },
});

export const qr = defineOperations({
  resolve: {
    method: "POST",
    path: "/qr/resolve",
    summary: "Resolve a scanned QR code to a person",
    description:
      "Called by a device with its API key: answers who the code belongs to and whether they may use the device. Admins holding `devices:manage` may resolve to test a scan. Without a key, only while the `qr_keyless_resolve` setting allows it, rate-limited per address. Every resolution is audit-logged.",
    auth: "public",
    acceptsDeviceKey: true,
    input: ResolveInput,
    output: Resolution,
    errors: [
      "qr_code_missing",
      "qr_code_unknown",
      "qr_code_not_yet_valid",
      "qr_code_expired",
      "user_not_found",
      "device_not_found",
      "unauthorized",
      "invalid_token",
      "forbidden",
    ],
  },
});

export const settings = defineOperations({
  get: {
    method: "GET",
    path: "/settings",
    summary: "Server settings",
    auth: "user",
    permission: "devices:manage",
    input: NoInput,
    output: ServerSettings,
    errors: [],
  },
  update: {
    method: "PATCH",
    path: "/settings",
    summary: "Change server settings",
    auth: "user",
    permission: "devices:manage",
    input: ServerSettings.partial(),
    output: ServerSettings,
    errors: [],
  },
});
