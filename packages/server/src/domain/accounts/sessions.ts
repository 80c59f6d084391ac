import { randomUUID } from "node:crypto";

import type { Session, Token } from "@kabinet/contracts";
import {
  and,
  desc,
  eq,
  gt,
  inArray,
  isNull,
  ne,
  schema,
  sql,
  type Executor,
  type SQL,
} from "@kabinet/db";

import {
  hashSecret,
  newRefreshToken,
  newSessionToken,
  SESSION_TOKEN_PREFIX,
} from "../../infra/tokens.ts";
import { audit, type AuditEntry } from "../audit.ts";
import type { ClientInfo, Context } from "../context.ts";
import { AppError } from "../errors.ts";
import type { Services } from "../services.ts";

function tokenObject(
  services: Services,
  userId: number,
  sessionId: string,
  refresh: string,
  refreshExpires: Date,
): Token {
  return {
    token_type: "Bearer",
    access_token: services.accessTokens.sign(userId, sessionId),
    expires_in: services.accessTokens.ttlSeconds,
    refresh_token: refresh,
    expires: Math.floor(refreshExpires.getTime() / 1000),
  };
}

/** How a session is started: `sessionToken` also binds a long-lived session token to it. */
export interface SessionOptions {
  sessionToken?: boolean;
}

/** A new session's rows and its first token pair, before they are written. */
export interface NewSession {
  session: {
    id: string;
    userId: number;
    ip: string | null;
    userAgent: string | null;
    expiresAt: Date;
    /** SHA-256 of the session token, when one is issued; the token itself is never stored. */
    tokenHash: string | null;
  };
  refreshToken: { tokenHash: string; sessionId: string };
  token: Token;
}

/** A fresh refresh token of a session, and the row that keeps its hash. */
function issueRefreshToken(sessionId: string) {
  const refresh = newRefreshToken();
  return { refresh, row: { tokenHash: hashSecret(refresh), sessionId } };
}

/** The one place a session's column values are made, however the rows are then written. */
export function newSession(
  services: Services,
  userId: number,
  client: ClientInfo,
  options: SessionOptions = {},
): NewSession {
  const id = randomUUID();
  const expiresAt = new Date(Date.now() + services.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000);
  const { refresh, row } = issueRefreshToken(id);
  const sessionToken = options.sessionToken ? newSessionToken() : null;
  const token = tokenObject(services, userId, id, refresh, expiresAt);
  return {
    session: {
      id,
      userId,
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 512) ?? null,
      expiresAt,
      tokenHash: sessionToken ? hashSecret(sessionToken) : null,
    },
    refreshToken: row,
    token: sessionToken ? { ...token, session_token: sessionToken } : token,
  };
}

/** Starts a session inside the caller's transaction and returns its first token pair. */
export async function startSession(
  services: Services,
  tx: Executor,
  userId: number,
  client: ClientInfo,
  options: SessionOptions = {},
): Promise<Token> {
  const rows = newSession(services, userId, client, options);
  await tx.insert(schema.sessions).values(rows.session);
  await tx.insert(schema.refreshTokens).values(rows.refreshToken);
  return rows.token;
}

/** Ends the live sessions `which` selects, for `reason`; returns how many ended. */
async function endSessions(tx: Executor, which: SQL | undefined, reason: string): Promise<number> {
  const ended = await tx
    .update(schema.sessions)
    .set({ revokedAt: new Date(), revokeReason: reason })
    .where(and(which, isNull(schema.sessions.revokedAt)))
    .returning({ id: schema.sessions.id });
  return ended.length;
}

/**
 * Ends one live session of a user and logs it as the user's act; returns whether it was live.
 * `action` names what ended it: a sign-out, the user revoking it, a stolen refresh token.
 */
async function endOwnSession(
  tx: Executor,
  client: ClientInfo,
  session: { id: string; userId: number },
  reason: string,
  action: AuditEntry["action"],
): Promise<boolean> {
  const { id, userId } = session;
  const which = and(eq(schema.sessions.id, id), eq(schema.sessions.userId, userId));
  if ((await endSessions(tx, which, reason)) === 0) return false;
  await audit(tx, client, { action, actorId: userId, userId, details: { session_id: id } });
  return true;
}

/** Ends sessions of a user (all, or all but one) at once: refresh and access tokens stop working. */
export function endUserSessions(
  tx: Executor,
  userId: number,
  reason: string,
  exceptSessionId?: string,
): Promise<number> {
  const others = exceptSessionId ? ne(schema.sessions.id, exceptSessionId) : undefined;
  return endSessions(tx, and(eq(schema.sessions.userId, userId), others), reason);
}

/**
 * Rotates a refresh token. The token is spent atomically, so of two parallel refreshes
 * exactly one wins. A spent token presented again after the grace period means it was
 * copied: the whole session ends.
 */
export async function refreshSession(
  ctx: Context<"public">,
  presented: string | undefined,
): Promise<Token> {
  if (!presented) throw new AppError("invalid_refresh_token", "No refresh token was sent");
  const { services } = ctx;
  const tokenHash = hashSecret(presented);
  const outcome = await services.db.transaction(async (tx) => {
    const [spent] = await tx
      .update(schema.refreshTokens)
      .set({ spentAt: new Date() })
      .where(
        and(eq(schema.refreshTokens.tokenHash, tokenHash), isNull(schema.refreshTokens.spentAt)),
      )
      .returning({ sessionId: schema.refreshTokens.sessionId });
    if (!spent) {
      const [known] = await tx
        .select({
          sessionId: schema.refreshTokens.sessionId,
          spentAt: schema.refreshTokens.spentAt,
        })
        .from(schema.refreshTokens)
        .where(eq(schema.refreshTokens.tokenHash, tokenHash));
      if (!known) return new AppError("invalid_refresh_token");
      const graceMs = services.config.REFRESH_REUSE_GRACE_SECONDS * 1000;
      if (known.spentAt && Date.now() - known.spentAt.getTime() < graceMs) {
        return new AppError("invalid_refresh_token", "This refresh token was just used");
      }
      const [session] = await tx
        .select({ userId: schema.sessions.userId, revokedAt: schema.sessions.revokedAt })
        .from(schema.sessions)
        .where(eq(schema.sessions.id, known.sessionId));
      if (session && !session.revokedAt) {
        const stolen = { id: known.sessionId, userId: session.userId };
        await endOwnSession(
          tx,
          ctx.client,
          stolen,
          "refresh_token_reuse",
          "session.reuse_detected",
        );
      }
      return new AppError(
        "session_revoked",
        "The refresh token was already used; the session has ended",
      );
    }
    const [session] = await tx
      .select({
        userId: schema.sessions.userId,
        revokedAt: schema.sessions.revokedAt,
        expiresAt: schema.sessions.expiresAt,
        state: schema.users.state,
      })
      .from(schema.sessions)
      .innerJoin(schema.users, eq(schema.users.id, schema.sessions.userId))
      .where(eq(schema.sessions.id, spent.sessionId));
    if (!session || session.revokedAt) return new AppError("session_revoked");
    if (session.expiresAt.getTime() <= Date.now())
      return new AppError("invalid_refresh_token", "The session has expired");
    if (session.state === "blocked" || session.state === "deleted")
      return new AppError("session_revoked");
    const { refresh, row } = issueRefreshToken(spent.sessionId);
    await tx.insert(schema.refreshTokens).values(row);
    await tx
      .update(schema.sessions)
      .set({ lastUsedAt: new Date() })
      .where(eq(schema.sessions.id, spent.sessionId));
    return tokenObject(services, session.userId, spent.sessionId, refresh, session.expiresAt);
  });
  // Reuse detection must be committed, so the error is raised after the transaction.
  if (outcome instanceof AppError) throw outcome;
  return outcome;
}

/**
 * Ends the session of a refresh token, or of a session token (clients that have only the
 * latter sign out with it); without either, the session of the access token the call was made
 * with (a client that kept only its access token still signs out).
 */
export async function logout(ctx: Context<"public">, presented: string | undefined): Promise<void> {
  if (!presented) {
    const { principal } = ctx;
    if (!principal) return;
    const session = { id: principal.sessionId, userId: principal.userId };
    await ctx.services.db.transaction((tx) =>
      endOwnSession(tx, ctx.client, session, "logout", "auth.logout"),
    );
    return;
  }
  const tokenHash = hashSecret(presented);
  await ctx.services.db.transaction(async (tx) => {
    const { sessions, refreshTokens } = schema;
    const ofRefreshToken = tx
      .select({ id: refreshTokens.sessionId })
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, tokenHash));
    const [known] = await tx
      .select({ sessionId: sessions.id, userId: sessions.userId, revokedAt: sessions.revokedAt })
      .from(sessions)
      .where(
        presented.startsWith(SESSION_TOKEN_PREFIX)
          ? eq(sessions.tokenHash, tokenHash)
          : inArray(sessions.id, ofRefreshToken),
      );
    if (!known || known.revokedAt) return;
    const session = { id: known.sessionId, userId: known.userId };
    await endOwnSession(tx, ctx.client, session, "logout", "auth.logout");
  });
}

export async function listSessions(ctx: Context<"user">): Promise<Session[]> {
  const rows = await ctx.services.db
    .select()
    .from(schema.sessions)
    .where(
      and(
        eq(schema.sessions.userId, ctx.principal.userId),
        isNull(schema.sessions.revokedAt),
        gt(schema.sessions.expiresAt, sql`now()`),
      ),
    )
    .orderBy(desc(schema.sessions.lastUsedAt))
    .limit(100);
  return rows.map((s) => ({
    id: s.id,
    current: s.id === ctx.principal.sessionId,
    user_agent: s.userAgent,
    ip: s.ip,
    created_at: s.createdAt.toISOString(),
    last_used_at: s.lastUsedAt.toISOString(),
    expires_at: s.expiresAt.toISOString(),
  }));
}

export async function revokeSession(ctx: Context<"user">, sessionId: string): Promise<void> {
  const { userId } = ctx.principal;
  await ctx.services.db.transaction(async (tx) => {
    const session = { id: sessionId, userId };
    if (!(await endOwnSession(tx, ctx.client, session, "revoked_by_user", "session.revoked")))
      throw new AppError("session_not_found");
  });
}
