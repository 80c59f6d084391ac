import { randomInt } from "node:crypto";

import { eq, schema, type Executor } from "@kabinet/db";

import type { Services } from "../services.ts";
import { endUserSessions } from "./sessions.ts";

// No 0/O, 1/l/I: the password is read off a screen and typed by hand.
const ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

export function generatePassword(length = 16): string {
  return Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
}

/**
 * Replaces a user's password with a generated one that expires after
 * ONE_TIME_PASSWORD_TTL_HOURS and must be changed at the next sign-in. Ends their sessions.
 * Returns the password, which is shown once and never stored in clear.
 */
export async function setOneTimePassword(
  services: Services,
  tx: Executor,
  userId: number,
): Promise<string> {
  const password = generatePassword();
  const passwordHash = await services.passwords.hash(password);
  await tx
    .update(schema.users)
    .set({
      passwordHash,
      passwordChangeRequired: true,
      passwordExpiresAt: new Date(
        Date.now() + services.config.ONE_TIME_PASSWORD_TTL_HOURS * 3_600_000,
      ),
    })
    .where(eq(schema.users.id, userId));
  await endUserSessions(tx, userId, "password_reset");
  return password;
}
