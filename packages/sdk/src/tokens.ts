import { z } from "zod";

import { Token, type Operation } from "@kabinet/contracts";

/** The credentials a client holds. Either may be missing: a persisted refresh token alone is enough. */
export interface Tokens {
  accessToken: string | null;
  refreshToken: string | null;
}

/** What `setTokens` accepts: the client's own shape, or the API's token object as returned by login. */
export type TokensInput = Partial<Tokens> | Token;

export function normalizeTokens(input: TokensInput | null | undefined): Tokens | null {
  if (!input) return null;
  const tokens: Tokens =
    "access_token" in input
      ? { accessToken: input.access_token || null, refreshToken: input.refresh_token || null }
      : { accessToken: input.accessToken ?? null, refreshToken: input.refreshToken ?? null };
  return tokens.accessToken === null && tokens.refreshToken === null ? null : tokens;
}

export function sameTokens(a: Tokens | null, b: Tokens | null): boolean {
  return a?.accessToken === b?.accessToken && a?.refreshToken === b?.refreshToken;
}

function isToken(value: unknown): value is Token {
  if (typeof value !== "object" || value === null) return false;
  const t = value as Record<string, unknown>;
  return typeof t.access_token === "string" && typeof t.refresh_token === "string";
}

/**
 * How to find the token pair in an operation's output, decided from its output schema: the
 * output is a `Token` itself (refresh), or an object with a `Token` field (register, login).
 * Null for operations that issue no tokens.
 */
export function tokenLocator(op: Operation): ((output: unknown) => Token | undefined) | null {
  if (op.output === Token) return (output) => (isToken(output) ? output : undefined);
  if (!(op.output instanceof z.ZodObject)) return null;
  const shape = op.output.shape as Record<string, z.ZodType>;
  const key = Object.keys(shape).find((k) => shape[k] === Token);
  if (key === undefined) return null;
  return (output) => {
    const value =
      typeof output === "object" && output !== null
        ? (output as Record<string, unknown>)[key]
        : undefined;
    return isToken(value) ? value : undefined;
  };
}

/** Whether the operation takes a `refresh_token` field, which the client fills in when omitted. */
export function takesRefreshToken(op: Operation): boolean {
  return op.input instanceof z.ZodObject && "refresh_token" in (op.input.shape as object);
}
