import { Group, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

import type { Group as GroupData } from "@kabinet/contracts";

import { formatDateTime } from "../../format/dates.ts";

/** The group's name (the page's heading, `group-title`) and when it was made; actions on the right. */
export function GroupHeading({ group, actions }: { group: GroupData; actions?: ReactNode }) {
  const { t, i18n } = useTranslation();
  return (
    <Group justify="space-between" align="flex-start">
      <Stack gap={2}>
        <Title order={1} fz="h2" id="group-title" data-testid="group-name">
          {group.name}
        </Title>
        <Text size="sm" c="dimmed">
          {t("admin.groups.createdAt", { date: formatDateTime(group.created_at, i18n.language) })}
        </Text>
      </Stack>
      {actions}
    </Group>
  );
}
