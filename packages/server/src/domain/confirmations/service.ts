import type { MyConfirmation, Operations, OutputOf } from "@kabinet/contracts";
import { and, asc, desc, eq, schema, sql, type Executor } from "@kabinet/db";

import { isConfirmed } from "../accounts/user-view.ts";
import { auditByCaller } from "../audit-caller.ts";
import type { Context } from "../context.ts";
import { AppError } from "../errors.ts";
import { deleteImage, mediaUrl, prepareImage, storeImage } from "../media/store.ts";
import { decodeCursor, encodeCursor, takePage } from "../paging.ts";
import type { Services } from "../services.ts";
import { confirmationExpiry } from "./expiry.ts";

const { users, studentConfirmations: requests } = schema;

type Decision = OutputOf<Operations["confirmations"]["approve"]>;
type Queue = OutputOf<Operations["confirmations"]["queue"]>;

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** The latest request of a person, with their account's current confirmation. */
async function statusOf(db: Executor, userId: number, now = new Date()): Promise<MyConfirmation> {
  const [account] = await db
    .select({ confirmed: users.confirmed, confirmedUntil: users.confirmedUntil })
    .from(users)
    .where(eq(users.id, userId));
  const [latest] = await db
    .select()
    .from(requests)
    .where(eq(requests.userId, userId))
    .orderBy(desc(requests.id))
    .limit(1);
  const confirmed = account ? isConfirmed(account, now) : false;
  if (!latest)
    return {
      status: "none",
      confirmed,
      submitted_at: null,
      decided_at: null,
      confirmed_until: null,
      reason: null,
    };
  const status =
    latest.status === "approved" ? (confirmed ? "approved" : "expired") : latest.status;
  return {
    status,
    confirmed,
    submitted_at: latest.submittedAt.toISOString(),
    decided_at: iso(latest.decidedAt),
    confirmed_until: latest.status === "approved" ? iso(latest.validUntil) : null,
    reason: latest.status === "rejected" ? latest.reason : null,
  };
}

export function myConfirmation(ctx: Context<"user">): Promise<MyConfirmation> {
  return statusOf(ctx.services.db, ctx.principal.userId);
}

/**
 * Deletes a person's pending request and its scan (a new scan replaces it; a removed account
 * leaves none behind); answers the ids withdrawn. The caller holds the person's row lock.
 */
export async function withdrawPending(tx: Executor, userId: number): Promise<number[]> {
  const withdrawn = await tx
    .delete(requests)
    .where(and(eq(requests.userId, userId), eq(requests.status, "pending")))
    .returning({ id: requests.id, scanId: requests.scanId });
  for (const old of withdrawn) if (old.scanId) await deleteImage(tx, old.scanId);
  return withdrawn.map((old) => old.id);
}

/**
 * Sends a scan for review. A pending request of the same person is replaced (its scan
 * deleted), and a current confirmation ends until the new scan is decided. The person's row
 * is locked first, as deciding does, so a scan sent while a reviewer decides waits for it.
 */
export async function submitScan(ctx: Context<"user">, base64: string): Promise<MyConfirmation> {
  const userId = ctx.principal.userId;
  const scan = await prepareImage(ctx, base64, "scan", "image");
  return ctx.services.db.transaction(async (tx) => {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
    const replaced = await withdrawPending(tx, userId);
    const scanId = await storeImage(tx, { ownerId: userId, kind: "scan", bytes: scan });
    const [created] = await tx
      .insert(requests)
      .values({ userId, scanId })
      .returning({ id: requests.id });
    await tx
      .update(users)
      .set({ confirmed: false, confirmedUntil: null })
      .where(eq(users.id, userId));
    await auditByCaller(ctx, tx, {
      action: "confirmation.submitted",
      userId,
      details: {
        confirmation_id: created!.id,
        bytes: scan.length,
        ...(replaced.length ? { replaced } : {}),
      },
    });
    return statusOf(tx, userId);
  });
}

/** Pending requests, oldest first, by keyset on (submitted_at, id) over a partial index. */
export async function reviewQueue(
  ctx: Context<"user">,
  query: { limit: number; cursor?: string | undefined },
): Promise<Queue> {
  const ordering = "submitted:asc";
  const after = decodeCursor(query.cursor, ordering);
  const rows = await ctx.services.db
    .select({
      id: requests.id,
      submittedAt: requests.submittedAt,
      submittedText: sql<string>`${requests.submittedAt}::text`,
      scanId: requests.scanId,
      user: {
        id: users.id,
        login: users.login,
        first_name: users.firstName,
        last_name: users.lastName,
      },
    })
    .from(requests)
    .innerJoin(users, eq(users.id, requests.userId))
    .where(
      and(
        eq(requests.status, "pending"),
        after
          ? sql`(${requests.submittedAt}, ${requests.id}) > (${after.sortValue}::timestamptz, ${after.id}::int)`
          : undefined,
      ),
    )
    .orderBy(asc(requests.submittedAt), asc(requests.id))
    .limit(query.limit + 1);
  const page = takePage(rows, query.limit, (last) =>
    encodeCursor(ordering, last.submittedText, last.id),
  );
  return {
    items: page.rows.map((row) => ({
      id: row.id,
      user: row.user,
      submitted_at: row.submittedAt.toISOString(),
      scan_url: mediaUrl(row.scanId!, "scan"),
    })),
    next_cursor: page.nextCursor,
  };
}

type Verdict = { status: "approved" } | { status: "rejected"; reason: string };

/**
 * Decides a pending request exactly once. The person's row and then the request's are
 * locked (in the order sending a scan locks them), so of two reviewers deciding at once one
 * decides and the other finds it decided (409). The scan is deleted in the same transaction:
 * only the outcome, the reviewer and the time remain. Reviewers may not decide their own.
 */
export async function decide(
  ctx: Context<"user">,
  id: number,
  verdict: Verdict,
  now = new Date(),
): Promise<Decision> {
  const { services, principal } = ctx;
  const [request] = await services.db
    .select({ userId: requests.userId })
    .from(requests)
    .where(eq(requests.id, id));
  if (!request) throw new AppError("confirmation_not_found");
  if (request.userId === principal.userId)
    throw new AppError("forbidden", "Reviewers may not decide their own confirmation");
  return services.db.transaction(async (tx) => {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, request.userId)).for("update");
    const [current] = await tx
      .select({ status: requests.status, scanId: requests.scanId })
      .from(requests)
      .where(eq(requests.id, id))
      .for("update");
    // Replaced by a newer scan while we waited: that request is gone.
    if (!current) throw new AppError("confirmation_not_found");
    if (current.status !== "pending") throw new AppError("confirmation_decided");
    const validUntil =
      verdict.status === "approved"
        ? confirmationExpiry(now, services.config.CONFIRMATION_EXPIRES_ON)
        : null;
    const [decided] = await tx
      .update(requests)
      .set({
        status: verdict.status,
        decidedAt: now,
        decidedBy: principal.userId,
        reason: verdict.status === "rejected" ? verdict.reason : null,
        validUntil,
        scanId: null,
      })
      .where(eq(requests.id, id))
      .returning();
    if (current.scanId) await deleteImage(tx, current.scanId);
    if (validUntil)
      await tx
        .update(users)
        .set({ confirmed: true, confirmedUntil: validUntil })
        .where(eq(users.id, request.userId));
    await auditByCaller(ctx, tx, {
      action: verdict.status === "approved" ? "confirmation.approved" : "confirmation.rejected",
      userId: request.userId,
      details: {
        confirmation_id: id,
        ...(validUntil ? { confirmed_until: validUntil.toISOString() } : {}),
        ...(verdict.status === "rejected" ? { reason: verdict.reason } : {}),
      },
    });
    const row = decided!;
    return {
      id: row.id,
      user_id: row.userId,
      status: verdict.status,
      decided_at: row.decidedAt!.toISOString(),
      decided_by: principal.userId,
      confirmed_until: iso(row.validUntil),
      reason: row.reason,
    };
  });
}

/**
 * Ends confirmations whose year is over: reads already treat them as ended
 * (`isConfirmed`), this makes the stored flag say so too. Run by maintenance; `now` is a
 * parameter so the change of year can be tested.
 */
export async function expireConfirmations(services: Pick<Services, "db">, now = new Date()) {
  const expired = await services.db
    .update(users)
    .set({ confirmed: false })
    .where(
      and(
        eq(users.confirmed, true),
        sql`${users.confirmedUntil} <= ${now.toISOString()}::timestamptz`,
      ),
    )
    .returning({ id: users.id });
  return expired.length;
}
