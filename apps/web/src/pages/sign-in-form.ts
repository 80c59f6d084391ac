import { zodResolver } from "@hookform/resolvers/zod";
import type { FieldErrors, Resolver } from "react-hook-form";

import { LoginInput } from "@kabinet/contracts";

export interface SignInValues {
  identifier: string;
  password: string;
}

const [byLogin, byEmail] = LoginInput.options;

/** One field takes a login or an email: anything with "@" is an email. */
export function toLoginInput({ identifier, password }: SignInValues): LoginInput {
  return identifier.includes("@")
    ? { email: identifier, password }
    : { login: identifier, password };
}

/** Validates with the contract's own sign-in schema and reports login/email errors on the one field. */
export const signInResolver: Resolver<SignInValues, unknown, LoginInput> = async (
  values,
  context,
  options,
) => {
  const input = toLoginInput(values);
  const byKind = "email" in input ? zodResolver(byEmail) : zodResolver(byLogin);
  const result = await byKind(input as never, context, {
    ...options,
    fields: {},
    names: undefined,
  });
  const errors: FieldErrors<{ login: string; email: string; password: string }> = result.errors;
  if (Object.keys(errors).length === 0) return { values: input, errors: {} };
  const identifier = errors.login ?? errors.email;
  return {
    values: {},
    errors: {
      ...(identifier ? { identifier } : {}),
      ...(errors.password ? { password: errors.password } : {}),
    },
  };
};
