import { z } from "zod";

import { Cursor, PageLimit, Timestamp, UserId } from "../core/primitives.ts";
import { ImageData } from "../core/upload.ts";

/** A student-card scan, uploaded for review. */
export const ScanUpload = z.object({ image: ImageData });

export const ConfirmationId = z.number().int().positive().max(2_147_483_647);

/**
 * Where one's confirmation stands: `none` nothing sent yet; `pending` a scan awaits review;
 * `approved` confirmed until `confirmed_until`; `expired` an approval whose year is over;
 * `rejected` with the reviewer's `reason`.
 */
export const ConfirmationState = z.enum(["none", "pending", "approved", "expired", "rejected"]);

export const MyConfirmation = z
  .object({
    status: ConfirmationState,
    /** Whether the account counts as confirmed right now (`User.confirmed`). */
    confirmed: z.boolean(),
    submitted_at: Timestamp.nullable(),
    decided_at: Timestamp.nullable(),
    confirmed_until: Timestamp.nullable(),
    reason: z.string().max(500).nullable(),
  })
  .meta({ id: "MyConfirmation" });
export type MyConfirmation = z.infer<typeof MyConfirmation>;

/** A pending request in the review queue, with the link to its (private) scan. */
export const PendingConfirmation = z
  .object({
    id: ConfirmationId,
    user: z.object({
      id: UserId,
      login: z.string().max(32),
      first_name: z.string().max(64),
      last_name: z.string().max(64),
    }),
    submitted_at: Timestamp,
    scan_url: z.string().max(512).meta({
      description:
        "The scan, served only to its owner and reviewers (Bearer token or the web app's session cookie); deleted once the request is decided",
    }),
  })
  .meta({ id: "PendingConfirmation" });

export const ConfirmationQueueQuery = z.object({ limit: PageLimit, cursor: Cursor.optional() });

/** A decision, as the reviewer sees it once made. */
export const ConfirmationDecision = z
  .object({
    id: ConfirmationId,
    user_id: UserId,
    status: z.enum(["approved", "rejected"]),
    decided_at: Timestamp,
    decided_by: UserId,
    confirmed_until: Timestamp.nullable(),
    reason: z.string().max(500).nullable(),
  })
  .meta({ id: "ConfirmationDecision" });

export const RejectInput = z.object({
  id: ConfirmationId,
  reason: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .meta({ description: "Shown to the person: what to fix before sending a new scan" }),
});
