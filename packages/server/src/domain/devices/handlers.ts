import { ok, type GroupHandlers } from "../context.ts";
import {
  createDevice,
  getDevice,
  listDevices,
  removeDevice,
  rotateDeviceKey,
  updateDevice,
} from "./devices.ts";

/** Terminals and machines that resolve QR codes with their own API key. */
export const devicesHandlers: GroupHandlers<"devices"> = {
  list: listDevices,
  get: (ctx, input) => getDevice(ctx, input.id),
  create: createDevice,
  update: (ctx, { id, ...patch }) => updateDevice(ctx, id, patch),
  rotateKey: (ctx, input) => rotateDeviceKey(ctx, input.id),
  remove: async (ctx, input) => (await removeDevice(ctx, input.id), ok),
};
