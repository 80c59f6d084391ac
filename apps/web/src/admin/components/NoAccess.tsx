import { Button, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/** Shown instead of an admin page the signed-in account may not open; the API refuses it anyway. */
export function NoAccess() {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="xl" maw={560} mx="auto" mt="xl" data-testid="no-access">
      <Stack align="center" gap="sm" ta="center">
        <Title order={1} fz="h2">
          {t("admin.noAccess.title")}
        </Title>
        <Text c="dimmed">{t("admin.noAccess.text")}</Text>
        <Button component={Link} to="/profile" variant="light">
          {t("notFound.home")}
        </Button>
      </Stack>
    </Paper>
  );
}
