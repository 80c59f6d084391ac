import { Paper } from "@mantine/core";
import { useTranslation } from "react-i18next";

import { DeadEnd } from "../../components/DeadEnd.tsx";

/** Shown instead of an admin page the signed-in account may not open; the API refuses it anyway. */
export function NoAccess() {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="xl" maw={560} mx="auto" mt="xl" data-testid="no-access">
      <DeadEnd title={t("admin.noAccess.title")} text={t("admin.noAccess.text")} ta="center" />
    </Paper>
  );
}
