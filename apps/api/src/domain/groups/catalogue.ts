import { permissionCatalog } from "@kabinet/contracts";
import { schema, sql } from "@kabinet/db";
import type { Context } from "../context.ts";

interface PermissionInfo {
  name: string;
  description: string;
  kind: "general" | "device";
}

/** The catalogue: every general permission, then every machine permission groups refer to. */
export async function permissionCatalogue(ctx: Context<"user">): Promise<{ items: PermissionInfo[] }> {
  const granted = await ctx.services.db
    .selectDistinct({ name: sql<string>`unnest(${schema.groups.permissions})` })
    .from(schema.groups);
  const devices = granted
    .map(({ name }) => name)
    .filter((name) => name.startsWith("device:"))
    .sort()
    .map((name) => ({
    name,
    description: `Use the machine “${name.slice("device:".length, -":use".length)}”`,
    kind: "device" as const,
  }));
  const general = Object.entries(permissionCatalog).map(([name, description]) => ({ name, description, kind: "general" as const }));
  return { items: [...general, ...devices] };
}
