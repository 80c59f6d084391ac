import { Button, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Stack align="center" gap="sm" mt="xl">
      <Title order={1} fz="h2">
        {t("notFound.title")}
      </Title>
      <Text c="dimmed">{t("notFound.text")}</Text>
      <Button component={Link} to="/profile" variant="light">
        {t("notFound.home")}
      </Button>
    </Stack>
  );
}
