import { z } from "zod";

import { defineOperations } from "../core/operation.ts";
import { Ok } from "../core/primitives.ts";
import {
  CreateDeviceInput,
  Device,
  DeviceId,
  DeviceList,
  DeviceListQuery,
  DevicePatch,
  DeviceWithKey,
} from "./schemas.ts";

const byId = z.object({ id: DeviceId });

/** Devices that read members' QR codes: terminals on the machines they guard. */
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
    description:
      "The slug is fixed: terminals and permissions refer to it. Only a caller who holds the machine's current `required_permission` may change it: who may use a machine is decided by one who may.",
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
