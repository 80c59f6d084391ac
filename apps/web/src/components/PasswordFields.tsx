import { PasswordInput, Stack } from "@mantine/core";
import type { ComponentProps } from "react";
import { useTranslation } from "react-i18next";

import { PasswordStrength } from "./PasswordStrength.tsx";

type PasswordInputProps = ComponentProps<typeof PasswordInput>;

/** A password input whose show-and-hide button says what it does. */
export function PasswordField(props: PasswordInputProps) {
  const { t } = useTranslation();
  return (
    <PasswordInput
      visibilityToggleButtonProps={{ "aria-label": t("common.showPassword") }}
      {...props}
    />
  );
}

interface NewPasswordFieldProps extends PasswordInputProps {
  /** The password typed so far, for the meter. */
  password: string;
  /** Words the password should not resemble: the login, the email, the names. */
  userInputs: string[];
}

/** A new password, with a strength meter under it. */
export function NewPasswordField({ password, userInputs, ...input }: NewPasswordFieldProps) {
  return (
    <Stack gap={6}>
      <PasswordField autoComplete="new-password" {...input} />
      <PasswordStrength password={password} userInputs={userInputs} />
    </Stack>
  );
}
