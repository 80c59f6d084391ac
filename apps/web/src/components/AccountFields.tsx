import { TextInput } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

import type { User } from "@kabinet/contracts";

import { emptyToNull } from "../forms/empty-values.ts";
import type { FieldBinder } from "../forms/use-form-fields.ts";

/**
 * Whose details the inputs hold, for the browser's autofill: the reader's own (`own`), or
 * someone else's that must not be filled in with the reader's (`other`); left out, the browser
 * decides.
 */
type Whose = "own" | "other";

/** An account's login and email, on sign-up, on an administrator's new account and edit. */
export function LoginFields({
  bind,
  whose,
  loginHint,
}: {
  bind: FieldBinder<"login" | "email">;
  whose?: Whose;
  loginHint?: ReactNode;
}) {
  const { t } = useTranslation();
  const fill = (token: string) => (whose === "own" ? token : whose && "off");
  return (
    <>
      <TextInput
        label={t("fields.login")}
        description={loginHint}
        autoComplete={fill("username")}
        autoCapitalize="none"
        spellCheck={false}
        required
        {...bind("login")}
      />
      <TextInput
        type="email"
        label={t("fields.email")}
        autoComplete={fill("email")}
        required
        {...bind("email")}
      />
    </>
  );
}

/** A person's first and last name, which every account has. */
export function NameFields({
  bind,
  whose,
}: {
  bind: FieldBinder<"first_name" | "last_name">;
  whose?: Whose;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput
        label={t("fields.first_name")}
        required
        autoComplete={whose === "own" ? "given-name" : undefined}
        {...bind("first_name")}
      />
      <TextInput
        label={t("fields.last_name")}
        required
        autoComplete={whose === "own" ? "family-name" : undefined}
        {...bind("last_name")}
      />
    </>
  );
}

/** The fields `PersonFields` binds. */
export const personFields = [
  "first_name",
  "last_name",
  "patronymic",
  "display_name",
  "birthday",
] as const;

type PersonField = (typeof personFields)[number];

/** An account's values of `personFields`, to start a form with. */
export function personValues(user: User): Pick<User, PersonField> {
  return {
    first_name: user.first_name,
    last_name: user.last_name,
    patronymic: user.patronymic,
    display_name: user.display_name,
    birthday: user.birthday,
  };
}

/** A person's names and birthday, as one's own profile and an administrator's edit change them. */
export function PersonFields({ bind, whose }: { bind: FieldBinder<PersonField>; whose?: Whose }) {
  const { t } = useTranslation();
  const fill = (token: string) => (whose === "own" ? token : undefined);
  const clearable = (name: Exclude<PersonField, "first_name" | "last_name">) =>
    bind(name, { setValueAs: emptyToNull });
  return (
    <>
      <NameFields bind={bind} whose={whose} />
      <TextInput
        label={t("fields.patronymic")}
        autoComplete={fill("additional-name")}
        {...clearable("patronymic")}
      />
      <TextInput
        label={t("fields.display_name")}
        autoComplete={fill("nickname")}
        {...clearable("display_name")}
      />
      <TextInput
        type="date"
        label={t("fields.birthday")}
        autoComplete={fill("bday")}
        {...clearable("birthday")}
      />
    </>
  );
}
