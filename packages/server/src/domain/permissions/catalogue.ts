import { permissionCatalog } from "@kabinet/contracts";
import { schema, sql } from "@kabinet/db";

import type { Context } from "../context.ts";
import { devicePermissions } from "../devices/devices.ts";

interface PermissionInfo {
  name: string;
  description: string;
  kind: "general" | "device";
}

/** The catalogue: every general permission, then the machine permissions of registered devices and those groups refer to. */
export async function permissionCatalogue(
  ctx: Context<"user">,
): Promise<{ items: PermissionInfo[] }> {
  const granted = await ctx.services.db
    .selectDistinct({ name: sql<string>`unnest(${schema.groups.permissions})` })
    .from(schema.groups);
  const machines = new Map<string, string>();
  for (const { name, description } of await devicePermissions(ctx.services.db)) {
    if (name.startsWith("device:") && !machines.has(name)) machines.set(name, description);
  }
  for (const { name } of granted) {
    if (name.startsWith("device:") && !machines.has(name)) {
      machines.set(
        name,
        `Use the machine “${name.slice("device:".length, -":use".length)}” (not registered yet)`,
      );
    }
  }
  const devices = [...machines]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, description]) => ({ name, description, kind: "device" as const }));
  const general = Object.entries(permissionCatalog).map(([name, description]) => ({
    name,
    description,
    kind: "general" as const,
  }));
  return { items: [...general, ...devices] };
}
