import { z } from "zod";

import { defineOperations } from "../core/operation.ts";
import { NoInput, page } from "../core/primitives.ts";
import {
  ConfirmationDecision,
  ConfirmationId,
  ConfirmationQueueQuery,
  MyConfirmation,
  PendingConfirmation,
  RejectInput,
  ScanUpload,
} from "./schemas.ts";

/**
 * Student-card confirmation: a person uploads a scan of their card, a reviewer approves or
 * rejects it, and the scan is deleted as soon as it is decided.
 */
export const confirmations = defineOperations({
  mine: {
    method: "GET",
    path: "/me/confirmation",
    summary: "My student-card confirmation",
    auth: "user",
    input: NoInput,
    output: MyConfirmation,
    errors: [],
  },
  submit: {
    method: "PUT",
    path: "/me/confirmation",
    summary: "Send a student-card scan for review",
    description:
      "JSON with the image in base64, or multipart/form-data with the file in the part `image`. A new scan replaces one still pending and ends a current confirmation until it is reviewed. The scan is private: only its owner and reviewers can open it.",
    auth: "user",
    upload: "image",
    input: ScanUpload,
    output: MyConfirmation,
    status: 201,
    errors: [],
  },
  queue: {
    method: "GET",
    path: "/confirmations",
    summary: "Scans awaiting review, oldest first",
    auth: "user",
    permission: "confirmations:review",
    input: ConfirmationQueueQuery,
    output: page(PendingConfirmation),
    errors: [],
  },
  approve: {
    method: "POST",
    path: "/confirmations/:id/approve",
    summary: "Approve a student-card scan",
    description:
      "Confirms the person until the next expiry date (`CONFIRMATION_EXPIRES_ON`, 1 September by default) and deletes the scan. Reviewers may not decide their own request; a request already decided is 409.",
    auth: "user",
    permission: "confirmations:review",
    input: z.object({ id: ConfirmationId }),
    output: ConfirmationDecision,
    errors: ["confirmation_not_found", "confirmation_decided"],
  },
  reject: {
    method: "POST",
    path: "/confirmations/:id/reject",
    summary: "Reject a student-card scan",
    description:
      "Records the reason for the person and deletes the scan. Reviewers may not decide their own request; a request already decided is 409.",
    auth: "user",
    permission: "confirmations:review",
    input: RejectInput,
    output: ConfirmationDecision,
    errors: ["confirmation_not_found", "confirmation_decided"],
  },
});
