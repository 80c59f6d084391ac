import type { MyQr } from "@kabinet/contracts";
import { and, eq, lt, schema, sql, type Executor } from "@kabinet/db";

import { hashSecret, newQrCode } from "../../infra/tokens.ts";
import type { Context } from "../context.ts";
import { consumeLimit } from "../limits.ts";

const { qrCodes, qrResolutions } = schema;

/** Expired codes are kept this long so that a late scan says "expired", not "unknown". */
const EXPIRED_CODE_RETENTION_MS = 86_400_000;

/**
 * Issues the caller's code for the current window and for the next one. Windows are aligned
 * to multiples of QR_WINDOW_SECONDS, so a display renews on the boundary. Codes are 128-bit
 * random and only their hashes are stored, so each request issues new ones: every code issued
 * stays valid for its own window.
 */
export async function issueMyQr(ctx: Context<"user">): Promise<MyQr> {
  const { services, principal } = ctx;
  await consumeLimit(services, "qrIssue", String(principal.userId));
  const windowSeconds = services.config.QR_WINDOW_SECONDS;
  const start = Math.floor(Date.now() / 1000 / windowSeconds) * windowSeconds;
  const windows = [start, start + windowSeconds].map((from) => ({
    code: newQrCode(),
    from,
    until: from + windowSeconds,
  }));
  await services.db.transaction(async (tx) => {
    await tx.insert(qrCodes).values(
      windows.map((w) => ({
        codeHash: hashSecret(w.code),
        userId: principal.userId,
        validFrom: new Date(w.from * 1000),
        validUntil: new Date(w.until * 1000),
      })),
    );
    await tx
      .delete(qrCodes)
      .where(
        and(
          eq(qrCodes.userId, principal.userId),
          lt(qrCodes.validUntil, new Date(Date.now() - EXPIRED_CODE_RETENTION_MS)),
        ),
      );
  });
  const [current, next] = windows.map((w) => ({
    code: w.code,
    time_start: w.from,
    time_expire: w.until,
  }));
  return { ...current!, next: next! };
}

/** Drops codes and remembered answers past their retention (a day); run hourly. */
export async function pruneQrData(db: Executor): Promise<void> {
  const cutoff = sql`now() - interval '1 day'`;
  await db.delete(qrCodes).where(lt(qrCodes.validUntil, cutoff));
  await db.delete(qrResolutions).where(lt(qrResolutions.createdAt, cutoff));
}
