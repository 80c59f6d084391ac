import { randomBytes } from "node:crypto";

import { eq, schema, type Database } from "@kabinet/db";

const KEY = "jwt_secret";

/**
 * The signing secret: `JWT_SECRET` when set, otherwise one generated on first start and kept
 * in the database, so restarts and sibling processes share it and sessions stay valid.
 */
export async function resolveJwtSecret(
  db: Database,
  configured: string | undefined,
): Promise<string> {
  if (configured) return configured;
  await db
    .insert(schema.settings)
    .values({ key: KEY, value: randomBytes(48).toString("base64url") })
    .onConflictDoNothing();
  const [row] = await db.select().from(schema.settings).where(eq(schema.settings.key, KEY));
  return row!.value as string;
}
