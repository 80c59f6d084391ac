/** The refusals of an account's login or email, shown at the field concerned. */
export const takenCodes = { login_taken: "login", email_taken: "email" } as const;

/**
 * The fields a new account's password is weighed against, the password first: watched together,
 * `const [password, ...userInputs] = useWatch({ control, name: passwordAndWords })`.
 */
export const passwordAndWords = ["password", "login", "email", "first_name", "last_name"] as const;

/** The fields of a new account, on sign-up and on an administrator's form alike. */
export const newAccountFields = [
  "login",
  "email",
  "password",
  "first_name",
  "last_name",
  "patronymic",
  "class",
] as const;
