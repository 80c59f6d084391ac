import {
  Login,
  type AuthResult,
  type RegisterInput,
  type SessionTokenRequest,
} from "@kabinet/contracts";
import { schema, sql } from "@kabinet/db";

import { audit } from "../audit.ts";
import type { Context } from "../context.ts";
import { accountConflict, uniqueViolation } from "../db-errors.ts";
import { AppError } from "../errors.ts";
import { consumeLimit } from "../limits.ts";
import { accountColumns } from "./columns.ts";
import { passwordPolicyError } from "./password-policy.ts";
import { startSession } from "./sessions.ts";
import { toUser } from "./user-view.ts";

const { users } = schema;

/**
 * Creates an account and signs it in. The first account becomes the super administrator:
 * concurrent first sign-ups all try, the single-super unique index lets exactly one win, and
 * the others retry as ordinary users.
 */
export async function register(
  ctx: Context<"public">,
  input: RegisterInput & SessionTokenRequest,
): Promise<AuthResult> {
  const { services, client } = ctx;
  await consumeLimit(services, "registration", client.ip ?? "unknown");
  const weak = passwordPolicyError(input.password, { login: input.login });
  if (weak) throw new AppError("validation_failed", weak.message, [weak]);
  const passwordHash = await services.passwords.hash(input.password);

  for (let attempt = 0; ; attempt++) {
    try {
      return await services.db.transaction(async (tx) => {
        const isFirst = sql`not exists (select 1 from ${users})`;
        const [row] = await tx
          .insert(users)
          .values({
            ...accountColumns(input, passwordHash),
            role: sql`case when ${isFirst} then 'super' else 'user' end`,
            state: sql`case when ${isFirst} then 'activated' else 'new' end`,
            lastActivityAt: new Date(),
          })
          .returning();
        const user = row!;
        await audit(tx, client, {
          action: "auth.register",
          actorId: user.id,
          userId: user.id,
          details: { login: user.login, role: user.role },
        });
        const token = await startSession(services, tx, user.id, client, {
          sessionToken: input.issue_session_token,
        });
        return { user: toUser(user, []), token };
      });
    } catch (error) {
      if (uniqueViolation(error) === "users_single_super_key" && attempt === 0) continue;
      throw accountConflict(error, input.login);
    }
  }
}

/** Whether a login is free; limited per address, as it tells which logins exist. */
export async function loginAvailability(ctx: Context<"public">, login: string) {
  await consumeLimit(ctx.services, "loginAvailability", ctx.client.ip ?? "unknown");
  const candidate = login.toLowerCase();
  const format = Login.safeParse(candidate);
  if (!format.success) {
    return { login, available: false, message: format.error.issues[0]?.message ?? "Invalid login" };
  }
  const [taken] = await ctx.services.db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.login}) = ${candidate}`)
    .limit(1);
  return taken
    ? { login, available: false, message: "This login is taken" }
    : { login, available: true, message: "This login is free" };
}
