import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Device cookies (OWASP's defence against account lockout): after a successful sign-in the
 * browser is given a signed note "this browser signed in to account N", and a later sign-in
 * to account N that carries it is spared the account-wide slow-down that strangers' failures
 * cause. It exempts from nothing else: the limits per account and address, and per address,
 * still apply. The value is `<user id>.<expiry, epoch seconds>.<nonce>.<HMAC-SHA256>`; the key
 * is derived from the JWT secret, so every API process checks what any other issued.
 */
export interface DeviceCookies {
  maxAgeSeconds: number;
  /** A new cookie value for the account. */
  issue(userId: number): string;
  /** Whether `value` is an unexpired cookie this server issued for the account. */
  validFor(value: string | undefined, userId: number): boolean;
}

export function createDeviceCookies(secret: string, days: number): DeviceCookies {
  const key = createHmac("sha256", secret).update("kabinet device cookie v1").digest();
  const mac = (payload: string) => createHmac("sha256", key).update(payload).digest();
  const maxAgeSeconds = days * 86_400;
  return {
    maxAgeSeconds,
    issue(userId) {
      const expires = Math.floor(Date.now() / 1000) + maxAgeSeconds;
      const payload = `${userId}.${expires}.${randomBytes(12).toString("base64url")}`;
      return `${payload}.${mac(payload).toString("base64url")}`;
    },
    validFor(value, userId) {
      if (!value) return false;
      const parts = value.split(".");
      if (parts.length !== 4) return false;
      const [id, expires, , signature] = parts as [string, string, string, string];
      if (id !== String(userId) || !(Number(expires) > Date.now() / 1000)) return false;
      const expected = mac(parts.slice(0, 3).join("."));
      const given = Buffer.from(signature, "base64url");
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}
