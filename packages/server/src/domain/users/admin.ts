import type { CreateUserInput, User, UserPatch } from "@kabinet/contracts";
import { eq, schema, sql, type Executor, type SQL } from "@kabinet/db";

import { groupsOfUser } from "../access/memberships.ts";
import { effectivePermissions, type GroupGrant } from "../access/permissions.ts";
import { accountColumns, profileChanges } from "../accounts/columns.ts";
import { generatePassword, setOneTimePassword } from "../accounts/one-time-password.ts";
import { passwordPolicyError } from "../accounts/password-policy.ts";
import { endUserSessions } from "../accounts/sessions.ts";
import { toUser, type UserRow } from "../accounts/user-view.ts";
import { auditByCaller } from "../audit-caller.ts";
import type { Context } from "../context.ts";
import { accountConflict } from "../db-errors.ts";
import { AppError } from "../errors.ts";
import { changedFields } from "../patch.ts";
import { assertMayAssign, assertMayEdit, assertMayTakeOver, assertOutranks } from "./policy.ts";

const { users } = schema;

type Account = UserRow & { groups: GroupGrant[] };

function readAccounts(db: Executor, where: SQL, lock: boolean) {
  const query = db.select({ row: users, groups: groupsOfUser }).from(users).where(where);
  return lock ? query.for("update", { of: users }) : query;
}

/**
 * The account an operation is about, with its groups. Mutations lock the row for their
 * transaction and treat removed accounts as gone; reads still show them (state `deleted`).
 */
async function findAccount(db: Executor, where: SQL, purpose: "read" | "change"): Promise<Account> {
  const [found] = await readAccounts(db, where, purpose === "change");
  if (!found || (purpose === "change" && found.row.state === "deleted"))
    throw new AppError("user_not_found");
  return { ...found.row, groups: found.groups };
}

const view = (account: Account): User => toUser(account, account.groups);

export async function getUser(ctx: Context<"user">, id: number): Promise<User> {
  return view(await findAccount(ctx.services.db, eq(users.id, id), "read"));
}

export async function getUserByLogin(ctx: Context<"user">, login: string): Promise<User> {
  return view(
    await findAccount(ctx.services.db, sql`lower(${users.login}) = ${login.toLowerCase()}`, "read"),
  );
}

export async function userPermissions(
  ctx: Context<"user">,
  id: number,
): Promise<{ permissions: string[] }> {
  const account = await findAccount(ctx.services.db, eq(users.id, id), "read");
  return { permissions: effectivePermissions(account.role, account.groups) };
}

export async function createUser(
  ctx: Context<"user">,
  input: CreateUserInput,
): Promise<{ user: User; one_time_password: string | null }> {
  const { services, principal } = ctx;
  assertMayAssign(principal, input.role);
  const oneTime = input.password === undefined;
  const password = input.password ?? generatePassword();
  if (!oneTime) {
    const weak = passwordPolicyError(password, { login: input.login });
    if (weak) throw new AppError("validation_failed", weak.message, [weak]);
  }
  const passwordHash = await services.passwords.hash(password);
  try {
    return await services.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(users)
        .values({
          ...accountColumns(input, passwordHash),
          role: input.role,
          state: "activated",
          passwordChangeRequired: oneTime,
          passwordExpiresAt: oneTime
            ? new Date(Date.now() + services.config.ONE_TIME_PASSWORD_TTL_HOURS * 3_600_000)
            : null,
        })
        .returning();
      await auditByCaller(ctx, tx, {
        action: "user.created",
        userId: row!.id,
        details: { login: row!.login, role: row!.role, one_time_password: oneTime },
      });
      return { user: toUser(row!, []), one_time_password: oneTime ? password : null };
    });
  } catch (error) {
    throw accountConflict(error, input.login);
  }
}

export async function updateUser(
  ctx: Context<"user">,
  id: number,
  patch: UserPatch,
): Promise<User> {
  const { services, principal } = ctx;
  try {
    return await services.db.transaction(async (tx) => {
      const account = await findAccount(tx, eq(users.id, id), "change");
      assertMayEdit(principal, account);
      const fields = changedFields(patch);
      if (fields.length === 0) return view(account);
      const [row] = await tx
        .update(users)
        .set({
          ...profileChanges(patch, account),
          login: patch.login,
          email: patch.email,
          schoolClass: patch.class,
        })
        .where(eq(users.id, id))
        .returning();
      await auditByCaller(ctx, tx, {
        action: "user.updated",
        userId: id,
        details: { fields },
      });
      return toUser(row!, account.groups);
    });
  } catch (error) {
    throw accountConflict(error, patch.login);
  }
}

export async function setUserRole(
  ctx: Context<"super">,
  id: number,
  role: User["role"],
): Promise<User> {
  const { services, principal } = ctx;
  return services.db.transaction(async (tx) => {
    const account = await findAccount(tx, eq(users.id, id), "change");
    assertOutranks(principal, account, "change the role of");
    if (account.role === role) return view(account);
    const [row] = await tx.update(users).set({ role }).where(eq(users.id, id)).returning();
    await auditByCaller(ctx, tx, {
      action: "user.role_changed",
      userId: id,
      details: { from: account.role, to: role },
    });
    return toUser(row!, account.groups);
  });
}

/** Block or unblock. A block ends every session of the user at once. */
export async function setUserState(
  ctx: Context<"user">,
  id: number,
  state: "activated" | "blocked",
): Promise<User> {
  const { services, principal } = ctx;
  return services.db.transaction(async (tx) => {
    const account = await findAccount(tx, eq(users.id, id), "change");
    assertOutranks(principal, account, state === "blocked" ? "block" : "unblock");
    const blocked = account.state === "blocked";
    if (blocked === (state === "blocked")) return view(account);
    const [row] = await tx.update(users).set({ state }).where(eq(users.id, id)).returning();
    const ended = state === "blocked" ? await endUserSessions(tx, id, "blocked") : 0;
    await auditByCaller(ctx, tx, {
      action: state === "blocked" ? "user.blocked" : "user.unblocked",
      userId: id,
      details: state === "blocked" ? { ended_sessions: ended } : {},
    });
    return toUser(row!, account.groups);
  });
}

export async function resetUserPassword(
  ctx: Context<"user">,
  id: number,
): Promise<{ new_password: string }> {
  const { services, principal } = ctx;
  return services.db.transaction(async (tx) => {
    const account = await findAccount(tx, eq(users.id, id), "change");
    assertMayTakeOver(principal, account);
    const password = await setOneTimePassword(services, tx, id);
    await auditByCaller(ctx, tx, {
      action: "user.password_reset",
      userId: id,
    });
    return { new_password: password };
  });
}

/**
 * A soft delete: the account stays (login and email reserved), its sessions and groups go.
 * Answers the account as it is now.
 */
export async function removeUser(ctx: Context<"user">, id: number): Promise<User> {
  const { services, principal } = ctx;
  return services.db.transaction(async (tx) => {
    const account = await findAccount(tx, eq(users.id, id), "change");
    assertOutranks(principal, account, "remove");
    const [row] = await tx
      .update(users)
      .set({ state: "deleted" })
      .where(eq(users.id, id))
      .returning();
    const ended = await endUserSessions(tx, id, "deleted");
    const left = await tx
      .delete(schema.groupMembers)
      .where(eq(schema.groupMembers.userId, id))
      .returning({ groupId: schema.groupMembers.groupId });
    await auditByCaller(ctx, tx, {
      action: "user.deleted",
      userId: id,
      details: {
        login: account.login,
        ended_sessions: ended,
        left_groups: left.map((g) => g.groupId),
      },
    });
    return toUser(row!, []);
  });
}
