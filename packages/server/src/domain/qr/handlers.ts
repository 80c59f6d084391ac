import type { GroupHandlers } from "../context.ts";
import { resolveQr } from "./resolve.ts";

/** Scanning: a device asks who a personal QR code belongs to. */
export const qrHandlers: GroupHandlers<"qr"> = {
  resolve: resolveQr,
};
