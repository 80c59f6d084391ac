import {
  devicePermission,
  permissionsNotHeld,
  type CreateDeviceInput,
  type Device,
  type DevicePatch,
} from "@kabinet/contracts";
import { asc, eq, gt, schema, type Executor } from "@kabinet/db";

import { hashSecret, newDeviceKey } from "../../infra/tokens.ts";
import { holderOf } from "../access/permissions.ts";
import { auditByCaller } from "../audit-caller.ts";
import type { Context, Principal } from "../context.ts";
import { uniqueViolation } from "../db-errors.ts";
import { AppError } from "../errors.ts";
import { decodeCursor, encodeCursor, takePage } from "../paging.ts";
import { changedFields } from "../patch.ts";

const { devices } = schema;

type DeviceRow = typeof devices.$inferSelect;

function toDevice(row: DeviceRow): Device {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    location: row.location,
    required_permission: row.requiredPermission,
    key_prefix: row.keyPrefix,
    key_rotated_at: row.keyRotatedAt.toISOString(),
    last_seen_at: row.lastSeenAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
  };
}

/** A fresh key: the caller sees it once; the database keeps its hash and first characters. */
function issueKey() {
  const key = newDeviceKey();
  return {
    key,
    columns: { keyHash: hashSecret(key), keyPrefix: key.slice(0, 10), keyRotatedAt: new Date() },
  };
}

export async function findDevice(db: Executor, id: number, lock = false): Promise<DeviceRow> {
  const query = db.select().from(devices).where(eq(devices.id, id));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw new AppError("device_not_found");
  return row;
}

export async function listDevices(ctx: Context<"user">, query: { limit: number; cursor?: string }) {
  const after = decodeCursor(query.cursor, "device");
  const rows = await ctx.services.db
    .select()
    .from(devices)
    .where(after ? gt(devices.id, after.id) : undefined)
    .orderBy(asc(devices.id))
    .limit(query.limit + 1);
  const page = takePage(rows, query.limit, (last) => encodeCursor("device", "", last.id));
  return { items: page.rows.map(toDevice), next_cursor: page.nextCursor };
}

export async function getDevice(ctx: Context<"user">, id: number): Promise<Device> {
  return toDevice(await findDevice(ctx.services.db, id));
}

export async function createDevice(
  ctx: Context<"user">,
  input: CreateDeviceInput,
): Promise<{ device: Device; api_key: string }> {
  const { services } = ctx;
  const { key, columns } = issueKey();
  try {
    return await services.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(devices)
        .values({
          name: input.name,
          slug: input.slug,
          location: input.location ?? null,
          requiredPermission: input.required_permission ?? devicePermission(input.slug),
          ...columns,
        })
        .returning();
      await auditByCaller(ctx, tx, {
        action: "device.created",
        deviceId: row!.id,
        details: {
          slug: row!.slug,
          required_permission: row!.requiredPermission,
          key_prefix: row!.keyPrefix,
        },
      });
      return { device: toDevice(row!), api_key: key };
    });
  } catch (error) {
    throw uniqueViolation(error) === "devices_slug_key" ? new AppError("device_slug_taken") : error;
  }
}

/**
 * Changing the permission a machine requires decides who may use it, so only one who may use it
 * may do that: otherwise a device manager could open a machine to a permission they hold (or to
 * everyone) and so grant themselves its use. A new machine was nobody's to use, so registering
 * one, with any permission, grants nothing.
 */
function assertMayRepermission(principal: Principal, device: DeviceRow): void {
  const missing = permissionsNotHeld(holderOf(principal), [device.requiredPermission]);
  if (missing.length > 0)
    throw new AppError(
      "forbidden",
      `You may not change who may use "${device.name}": that needs ${device.requiredPermission}, which you do not hold`,
    );
}

export async function updateDevice(
  ctx: Context<"user">,
  id: number,
  patch: DevicePatch,
): Promise<Device> {
  const { services, principal } = ctx;
  return services.db.transaction(async (tx) => {
    const current = await findDevice(tx, id, true);
    const fields = changedFields(patch);
    if (fields.length === 0) return toDevice(current);
    if (
      patch.required_permission !== undefined &&
      patch.required_permission !== current.requiredPermission
    )
      assertMayRepermission(principal, current);
    const [row] = await tx
      .update(devices)
      .set({
        name: patch.name,
        location: patch.location,
        requiredPermission: patch.required_permission,
      })
      .where(eq(devices.id, id))
      .returning();
    await auditByCaller(ctx, tx, {
      action: "device.updated",
      deviceId: id,
      details: { fields },
    });
    return toDevice(row!);
  });
}

/** The old key stops working the moment this commits. */
export async function rotateDeviceKey(
  ctx: Context<"user">,
  id: number,
): Promise<{ device: Device; api_key: string }> {
  const { services } = ctx;
  const { key, columns } = issueKey();
  return services.db.transaction(async (tx) => {
    const current = await findDevice(tx, id, true);
    const [row] = await tx.update(devices).set(columns).where(eq(devices.id, id)).returning();
    await auditByCaller(ctx, tx, {
      action: "device.key_rotated",
      deviceId: id,
      details: { old_key_prefix: current.keyPrefix, key_prefix: row!.keyPrefix },
    });
    return { device: toDevice(row!), api_key: key };
  });
}

export async function removeDevice(ctx: Context<"user">, id: number): Promise<void> {
  const { services } = ctx;
  await services.db.transaction(async (tx) => {
    const current = await findDevice(tx, id, true);
    await tx.delete(devices).where(eq(devices.id, id));
    await auditByCaller(ctx, tx, {
      action: "device.deleted",
      deviceId: id,
      details: { slug: current.slug },
    });
  });
}

/** Machine permissions of registered devices, for the permission catalogue. */
export async function devicePermissions(
  db: Executor,
): Promise<Array<{ name: string; description: string }>> {
  const rows = await db
    .select({ name: devices.name, permission: devices.requiredPermission })
    .from(devices)
    .orderBy(asc(devices.slug));
  return rows.map((row) => ({ name: row.permission, description: `Use ${row.name}` }));
}
