import { Button, Stack, Text, Title, type StackProps } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

interface DeadEndProps extends Omit<StackProps, "children"> {
  title: string;
  text: string;
}

/** A page that has nothing to show: why, and the way back to one's profile. */
export function DeadEnd({ title, text, ...stackProps }: DeadEndProps) {
  const { t } = useTranslation();
  return (
    <Stack align="center" gap="sm" {...stackProps}>
      <Title order={1} fz="h2">
        {title}
      </Title>
      <Text c="dimmed">{text}</Text>
      <Button component={Link} to="/profile" variant="light">
        {t("notFound.home")}
      </Button>
    </Stack>
  );
}
