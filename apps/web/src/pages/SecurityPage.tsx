import { Stack, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";

import { PasswordChangeForm } from "../components/PasswordChangeForm.tsx";
import { SessionsList } from "../components/SessionsList.tsx";
import { useSignedInUser } from "../components/SignedInArea.tsx";

export function SecurityPage() {
  const { t } = useTranslation();
  const user = useSignedInUser();
  return (
    <Stack gap="xl">
      <Title order={1} fz="h2">
        {t("security.title")}
      </Title>
      <PasswordChangeForm user={user} />
      <SessionsList />
    </Stack>
  );
}
