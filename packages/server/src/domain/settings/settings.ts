import type { ServerSettings } from "@kabinet/contracts";
import { eq, inArray, schema, sql, type Executor } from "@kabinet/db";

import { auditByCaller } from "../audit-caller.ts";
import type { Context } from "../context.ts";

const defaults: ServerSettings = { qr_keyless_resolve: false };
const keys = Object.keys(defaults) as Array<keyof ServerSettings>;

/** Settings an admin changes at run time, kept in the `settings` table with their defaults. */
export async function readSettings(db: Executor): Promise<ServerSettings> {
  const rows = await db.select().from(schema.settings).where(inArray(schema.settings.key, keys));
  const stored = Object.fromEntries(rows.map((row) => [row.key, row.value]));
  return { ...defaults, ...stored };
}

export async function readSetting<K extends keyof ServerSettings>(
  db: Executor,
  key: K,
): Promise<ServerSettings[K]> {
  const [row] = await db
    .select({ value: schema.settings.value })
    .from(schema.settings)
    .where(eq(schema.settings.key, key));
  return (row?.value as ServerSettings[K] | undefined) ?? defaults[key];
}

export async function updateSettings(
  ctx: Context<"user">,
  patch: Partial<ServerSettings>,
): Promise<ServerSettings> {
  const { services } = ctx;
  return services.db.transaction(async (tx) => {
    const before = await readSettings(tx);
    const changed = keys.filter((key) => patch[key] !== undefined && patch[key] !== before[key]);
    for (const key of changed) {
      await tx
        .insert(schema.settings)
        .values({ key, value: patch[key] })
        .onConflictDoUpdate({
          target: schema.settings.key,
          set: { value: patch[key], updatedAt: sql`now()` },
        });
    }
    if (changed.length > 0) {
      await auditByCaller(ctx, tx, {
        action: "settings.updated",
        details: Object.fromEntries(
          changed.map((key) => [key, { from: before[key], to: patch[key] }]),
        ),
      });
    }
    return { ...before, ...Object.fromEntries(changed.map((key) => [key, patch[key]])) };
  });
}
