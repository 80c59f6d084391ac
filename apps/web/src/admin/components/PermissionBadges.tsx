import { Badge, Group, Text, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";

import { usePermissionDescription } from "../permission-description.ts";

export function PermissionBadges({ names, empty }: { names: readonly string[]; empty: string }) {
  const { t } = useTranslation();
  const describe = usePermissionDescription();
  if (names.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  }
  return (
    <Group gap={6} aria-label={t("admin.permissionsLabel")}>
      {names.map((name) => (
        <Tooltip key={name} label={describe(name)} withArrow openDelay={300}>
          <Badge variant="light" tt="none" color={name.startsWith("device:") ? "grape" : "indigo"}>
            {name}
          </Badge>
        </Tooltip>
      ))}
    </Group>
  );
}
