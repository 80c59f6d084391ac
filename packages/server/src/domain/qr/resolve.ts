import type { ErrorCode, Resolution, ResolveInput } from "@kabinet/contracts";
import { and, eq, preparedPerDatabase, schema, sql, type Executor } from "@kabinet/db";

import { hashSecret, QR_CODE_PATTERN } from "../../infra/tokens.ts";
import { groupsOfUser } from "../access/memberships.ts";
import { effectivePermissions, hasPermission } from "../access/permissions.ts";
import { userViewColumns } from "../accounts/user-view.ts";
import { audit, auditAlone, type AuditEntry } from "../audit.ts";
import type { Context, DevicePrincipal } from "../context.ts";
import { findDevice } from "../devices/devices.ts";
import { AppError } from "../errors.ts";
import { consumeLimit, rateLimited } from "../limits.ts";
import { readSetting } from "../settings/settings.ts";

const { qrCodes, qrResolutions, users } = schema;

type Outcome =
  { ok: true; resolution: Resolution } | { ok: false; code: ErrorCode; userId?: number };

/** Who is asking: a device with its key, an admin testing a scan, or (if allowed) anyone. */
interface Scanner {
  /** Key of the idempotency store and of the failure limit. */
  key: string;
  actorId: number | null;
  device: DevicePrincipal | null;
}

async function identifyScanner(ctx: Context<"public">, input: ResolveInput): Promise<Scanner> {
  const { services, principal, device, client } = ctx;
  if (device) return { key: `device:${device.id}`, actorId: null, device };
  if (principal) {
    if (!hasPermission(principal.role, principal.groups, "devices:manage")) {
      throw new AppError(
        "forbidden",
        "Resolving codes needs a device key or the devices:manage permission",
      );
    }
    const tested =
      input.device_id === undefined ? null : await findDevice(services.db, input.device_id);
    return {
      key: `user:${principal.userId}`,
      actorId: principal.userId,
      device: tested && {
        id: tested.id,
        slug: tested.slug,
        requiredPermission: tested.requiredPermission,
      },
    };
  }
  if (!(await readSetting(services.db, "qr_keyless_resolve"))) {
    throw new AppError(
      "unauthorized",
      "Send the device's API key as `Authorization: Bearer <key>`",
    );
  }
  await consumeLimit(services, "qrKeyless", client.ip ?? "unknown");
  return { key: `ip:${client.ip ?? "unknown"}`, actorId: null, device: null };
}

/** The code's window and owner with their groups: one prepared query per scan. */
const codeLookupFor = preparedPerDatabase((db) =>
  db
    .select({
      validFrom: qrCodes.validFrom,
      validUntil: qrCodes.validUntil,
      user: userViewColumns,
      groups: groupsOfUser,
    })
    .from(qrCodes)
    .innerJoin(users, eq(users.id, qrCodes.userId))
    .where(eq(qrCodes.codeHash, sql.placeholder("codeHash")))
    .prepare("resolve_qr_code"),
);

/** Looks the code up and judges it; touches nothing. */
async function judge(
  ctx: Context<"public">,
  scanner: Scanner,
  code: string | undefined,
): Promise<Outcome> {
  if (!code) return { ok: false, code: "qr_code_missing" };
  // Whatever a scanner read that Kabinet cannot have issued is simply unknown: a terminal
  // must not mistake a stranger's QR code for a broken request of its own.
  if (!QR_CODE_PATTERN.test(code)) return { ok: false, code: "qr_code_unknown" };
  const [found] = await codeLookupFor(ctx.services.db).execute({ codeHash: hashSecret(code) });
  if (!found) return { ok: false, code: "qr_code_unknown" };
  const now = Date.now();
  const userId = found.user.id;
  if (now < found.validFrom.getTime()) return { ok: false, code: "qr_code_not_yet_valid", userId };
  if (now >= found.validUntil.getTime()) return { ok: false, code: "qr_code_expired", userId };
  if (found.user.state === "blocked" || found.user.state === "deleted")
    return { ok: false, code: "user_not_found", userId };
  const { user, groups } = found;
  const fullname = [user.lastName, user.firstName, user.patronymic].filter(Boolean).join(" ");
  return {
    ok: true,
    resolution: {
      user_id: userId,
      username: user.login,
      fullname,
      permissions: effectivePermissions(user.role, groups),
      allowed: scanner.device
        ? hasPermission(user.role, groups, scanner.device.requiredPermission)
        : null,
      device: scanner.device && { id: scanner.device.id, slug: scanner.device.slug },
    },
  };
}

function failure(code: ErrorCode): AppError {
  // A remembered answer may hold `validation_failed` for a malformed code: it replays as unknown.
  return code === "validation_failed" ? new AppError("qr_code_unknown") : new AppError(code);
}

/**
 * Resolves a scanned code to its owner and says whether they may use the scanning device.
 * Every resolution — allowed, denied or failed — is logged with the device in one transaction
 * with the remembered answer, so a retried scan (same idempotency key) neither logs twice nor
 * answers differently. Unknown codes, malformed ones included, count towards a per-scanner
 * limit.
 */
export async function resolveQr(ctx: Context<"public">, input: ResolveInput): Promise<Resolution> {
  const { services, client } = ctx;
  const scanner = await identifyScanner(ctx, input);
  const refusal = services.limits.qrFailures.refusal(scanner.key);
  if (refusal) throw rateLimited("qrFailures", refusal);

  const key = input.idempotency_key;
  if (key) {
    const seen = await rememberedAnswer(services.db, scanner.key, key);
    if (seen) return replay(seen);
  }

  const outcome = await judge(ctx, scanner, input.code);
  const result = outcome.ok
    ? outcome.resolution.allowed === false
      ? "denied"
      : "allowed"
    : outcome.code;
  const entry: AuditEntry = {
    action: outcome.ok ? "qr.resolved" : "qr.resolve_failed",
    actorId: scanner.actorId,
    userId: outcome.ok ? outcome.resolution.user_id : (outcome.userId ?? null),
    deviceId: scanner.device?.id ?? null,
    details: { result, scanner: scanner.key.split(":")[0] },
  };
  let answered = outcome;
  if (!key) {
    // The log entry is the only write: one statement, no transaction.
    await auditAlone(services.db, client, entry);
  } else {
    answered = await services.db.transaction(async (tx) => {
      // Claimed first: of two simultaneous retries one logs, the other waits and replays its answer.
      const claimed = await tx
        .insert(qrResolutions)
        .values({
          caller: scanner.key,
          idempotencyKey: key,
          response: outcome,
        })
        .onConflictDoNothing()
        .returning({ key: qrResolutions.idempotencyKey });
      if (claimed.length === 0) return (await rememberedAnswer(tx, scanner.key, key))!;
      await audit(tx, client, entry);
      return outcome;
    });
  }
  if (!outcome.ok && outcome.code === "qr_code_unknown") {
    await services.limits.qrFailures.recordFailure(scanner.key);
  }
  return replay(answered);
}

async function rememberedAnswer(
  db: Executor,
  caller: string,
  key: string,
): Promise<Outcome | null> {
  const [seen] = await db
    .select({ response: qrResolutions.response })
    .from(qrResolutions)
    .where(and(eq(qrResolutions.caller, caller), eq(qrResolutions.idempotencyKey, key)));
  return (seen?.response as Outcome | undefined) ?? null;
}

function replay(outcome: Outcome): Resolution {
  if (!outcome.ok) throw failure(outcome.code);
  return outcome.resolution;
}
