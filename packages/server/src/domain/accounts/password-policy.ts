import { dictionary } from "@zxcvbn-ts/language-common";

import type { FieldError } from "@kabinet/contracts";

// ~49,000 leaked passwords, offline. Matched case-insensitively: "Password1" is as weak as "password1".
const commonPasswords = new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()));

/**
 * OWASP ASVS 5.0: length is checked by the schema; here, refuse well-known passwords and
 * ones that contain the login. The password is checked exactly as sent.
 */
export function passwordPolicyError(
  password: string,
  identity: { login: string },
  field = "password",
): FieldError | null {
  if (commonPasswords.has(password.toLowerCase())) {
    return {
      field,
      code: "password_common",
      message: "This password is too common; choose another",
    };
  }
  if (identity.login.length >= 3 && password.toLowerCase().includes(identity.login.toLowerCase())) {
    return {
      field,
      code: "password_contains_login",
      message: "The password may not contain the login",
    };
  }
  return null;
}
