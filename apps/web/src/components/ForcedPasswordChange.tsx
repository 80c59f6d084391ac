import { Alert, Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";

import type { User } from "@kabinet/contracts";

import { PasswordChangeForm } from "./PasswordChangeForm.tsx";

export function ForcedPasswordChange({ user }: { user: User }) {
  const { t } = useTranslation();
  return (
    <Stack maw={520} mx="auto" gap="md">
      <Alert color="yellow" variant="light" title={t("password.requiredTitle")}>
        {t("password.requiredText")}
      </Alert>
      <PasswordChangeForm user={user} />
    </Stack>
  );
}
