import type { AuthResult, LoginInput } from "@kabinet/contracts";
import { eq, schema, sql } from "@kabinet/db";
import { loadMemberships } from "../access/memberships.ts";
import { audit, auditAlone } from "../audit.ts";
import type { Context } from "../context.ts";
import { AppError } from "../errors.ts";
import { startSession } from "./sessions.ts";
import { toUser } from "./user-view.ts";

const { users } = schema;

/**
 * Signs in by login or email. Unknown accounts still cost one hash verification, and every
 * wrong answer is the same `invalid_credentials`, so neither timing nor text reveals accounts.
 */
export async function login(ctx: Context<"public">, input: LoginInput): Promise<AuthResult> {
  const { services, client } = ctx;
  const identifier = ("login" in input ? input.login : input.email).toLowerCase();
  await services.limits.login.assertAllowed(identifier, client.ip);

  const column = "login" in input ? users.login : users.email;
  const [row] = await services.db.select().from(users).where(sql`lower(${column}) = ${identifier}`);
  const passwordOk =
    row && row.state !== "deleted"
      ? await services.passwords.verify(row.passwordHash, input.password)
      : (await services.passwords.verifyDummy(input.password), false);

  if (!row || !passwordOk) {
    await services.limits.login.recordFailure(identifier, client.ip);
    await auditAlone(services.db, client, {
      action: "auth.login_failed",
      userId: row?.id ?? null,
      details: { identifier },
    });
    throw new AppError("invalid_credentials");
  }
  if (row.passwordExpiresAt && row.passwordExpiresAt.getTime() <= Date.now()) {
    await auditAlone(services.db, client, { action: "auth.login_failed", userId: row.id, details: { reason: "one_time_password_expired" } });
    throw new AppError("invalid_credentials", "The one-time password has expired; ask an administrator for a new one");
  }
  if (row.state === "blocked") {
    await auditAlone(services.db, client, { action: "auth.login_failed", userId: row.id, details: { reason: "blocked" } });
    throw new AppError("account_blocked");
  }

  const [, result] = await Promise.all([
    services.limits.login.recordSuccess(identifier, client.ip),
    services.db.transaction(async (tx) => {
      const [updated] = await tx
        .update(users)
        .set({ lastActivityAt: new Date() })
        .where(eq(users.id, row.id))
        .returning();
      await audit(tx, client, { action: "auth.login", actorId: row.id, userId: row.id });
      const token = await startSession(services, tx, row.id, client);
      const memberships = await loadMemberships(tx, [row.id]);
      return { user: toUser(updated!, memberships.get(row.id) ?? []), token };
    }),
  ]);
  return result;
}
