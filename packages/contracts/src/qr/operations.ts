import { defineOperations } from "../core/operation.ts";
import { Resolution, ResolveInput, scanRefusals } from "./schemas.ts";

/** Turning a member's scanned QR code into who they are and what they may use. */
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
    errors: [...scanRefusals, "unauthorized", "invalid_token", "forbidden"],
  },
});
