import type { GroupHandlers } from "../context.ts";
import { decide, myConfirmation, reviewQueue, submitScan } from "./service.ts";

/** Student-card confirmation: one's own scan and status, and the reviewers' queue. */
export const confirmationsHandlers: GroupHandlers<"confirmations"> = {
  mine: myConfirmation,
  submit: (ctx, input) => submitScan(ctx, input.image),
  queue: reviewQueue,
  approve: (ctx, input) => decide(ctx, input.id, { status: "approved" }),
  reject: (ctx, input) => decide(ctx, input.id, { status: "rejected", reason: input.reason }),
};
