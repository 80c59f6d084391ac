import { z } from "zod";

import type { ErrorCode } from "../core/errors.ts";
import { UserId } from "../core/primitives.ts";
import { DeviceId } from "../devices/schemas.ts";

/**
 * A code and the window it is valid in, in epoch seconds: the shape the QR access API answered,
 * kept so its displays keep working.
 */
export const QrWindow = z.object({
  // 128 random bits in base64url.
  code: z.string().max(22).meta({ example: "m3QkZ8rT1vXc5yLp9wN2bA" }),
  time_start: z.number().int().meta({ example: 1795435200 }),
  time_expire: z.number().int().meta({ example: 1795435500 }),
});

export const MyQr = QrWindow.extend({
  next: QrWindow.meta({
    description: "The code of the following window, to switch to without a gap",
  }),
}).meta({ id: "MyQr" });
export type MyQr = z.infer<typeof MyQr>;

/** The most characters one QR symbol holds (version 40, digits only). */
export const QR_SYMBOL_MAX = 7089;

/**
 * The answers that judge a scanned code (or the person or device it concerns) rather than the
 * request: a terminal or the admin's scan page shows them as the scan's outcome.
 */
export const scanRefusals = [
  "qr_code_missing",
  "qr_code_unknown",
  "qr_code_not_yet_valid",
  "qr_code_expired",
  "user_not_found",
  "device_not_found",
] as const satisfies readonly ErrorCode[];

export const ResolveInput = z.object({
  code: z.string().max(QR_SYMBOL_MAX).optional().meta({
    description:
      "The scanned code as read; missing or empty answers `qr_code_missing`, anything Kabinet did not issue (of any length or alphabet) `qr_code_unknown`",
  }),
  device_id: DeviceId.optional().meta({
    description:
      "Admins testing a scan: the device whose permission to check. Devices never send it.",
  }),
  idempotency_key: z
    .string()
    .min(8)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, "8 to 64 of A-Z, a-z, 0-9, '_' and '-'")
    .optional()
    .meta({
      description:
        "Repeat a scan's key when retrying: the first answer comes back and nothing is logged twice",
    }),
});
export type ResolveInput = z.infer<typeof ResolveInput>;

export const Resolution = z
  .object({
    user_id: UserId,
    username: z.string().max(32),
    fullname: z.string().max(194).meta({ description: "Last, first and middle name" }),
    permissions: z.array(z.string().max(64)),
    allowed: z.boolean().nullable().meta({
      description: "Whether the person may use the device; null when no device is involved",
    }),
    device: z.object({ id: DeviceId, slug: z.string().max(48) }).nullable(),
  })
  .meta({ id: "Resolution" });
export type Resolution = z.infer<typeof Resolution>;
