import { createHash, randomBytes, randomUUID } from "node:crypto";

import { createSigner, createVerifier } from "fast-jwt";

const ISSUER = "kabinet";
const AUDIENCE = "kabinet-api";

interface AccessClaims {
  sub: string;
  sid: string;
}

export interface AccessTokens {
  ttlSeconds: number;
  sign(userId: number, sessionId: string): string;
  /** The claims of a valid token, or null for anything else. */
  verify(token: string): AccessClaims | null;
}

/** Short-lived HS256 JWTs; algorithm, issuer and audience are pinned on verification. */
export function createAccessTokens(secret: string, ttlSeconds: number): AccessTokens {
  const signer = createSigner({
    key: secret,
    algorithm: "HS256",
    iss: ISSUER,
    aud: AUDIENCE,
    expiresIn: ttlSeconds * 1000,
  });
  const verifier = createVerifier({
    key: secret,
    algorithms: ["HS256"],
    allowedIss: ISSUER,
    allowedAud: AUDIENCE,
    cache: 10_000,
  });
  return {
    ttlSeconds,
    sign: (userId, sessionId) => signer({ sub: String(userId), sid: sessionId, jti: randomUUID() }),
    verify: (token) => {
      try {
        const claims = verifier(token) as Partial<AccessClaims>;
        return typeof claims.sub === "string" && typeof claims.sid === "string"
          ? { sub: claims.sub, sid: claims.sid }
          : null;
      } catch {
        return null;
      }
    },
  };
}

/** Opaque refresh tokens: 256 random bits, prefixed so a leaked one is recognisable. */
export function newRefreshToken(): string {
  return `kbr_${randomBytes(32).toString("base64url")}`;
}

export const SESSION_TOKEN_PREFIX = "kbs_";

/**
 * Session tokens: 256 random bits, for clients that cannot refresh. One names one session and
 * works exactly while it lives; the prefix tells it from access tokens and device keys.
 */
export function newSessionToken(): string {
  return `${SESSION_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
}

export const DEVICE_KEY_PREFIX = "kbd_";

/** Device API keys: 256 random bits, prefixed like refresh tokens so leaks are recognisable. */
export function newDeviceKey(): string {
  return `${DEVICE_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
}

/** QR codes: 128 random bits in 22 URL-safe characters, short enough for a small QR image. */
export function newQrCode(): string {
  return randomBytes(16).toString("base64url");
}

export const QR_CODE_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** High-entropy secrets need no slow hash; SHA-256 keeps the lookup indexable. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("base64url");
}
