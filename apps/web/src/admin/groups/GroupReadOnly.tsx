import { Alert, Paper, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

import { permissionsNotHeld, type Group as GroupData } from "@kabinet/contracts";

import { useSignedInUser } from "../../components/SignedInArea.tsx";
import { PermissionBadges } from "../components/PermissionBadges.tsx";
import { GroupHeading } from "./GroupHeading.tsx";

/**
 * A group the signed-in person may not change, because it grants something they do not hold:
 * what it is and why it is read-only, without the controls the server would refuse.
 */
export function GroupReadOnly({ group }: { group: GroupData }) {
  const { t } = useTranslation();
  const missing = permissionsNotHeld(useSignedInUser(), group.permissions);
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="group-title">
      <Stack gap="md">
        <GroupHeading group={group} />
        <Alert
          color="gray"
          variant="light"
          role="note"
          title={t("admin.groups.readOnlyTitle")}
          data-testid="group-read-only"
        >
          {t("admin.groups.readOnlyText", { permissions: missing.join(", ") })}
        </Alert>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t("admin.groups.description")}
          </Text>
          <Text size="sm" c={group.description ? undefined : "dimmed"}>
            {group.description ?? "—"}
          </Text>
        </Stack>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t("admin.groups.permissions")}
          </Text>
          <PermissionBadges names={group.permissions} empty={t("admin.groups.noPermissions")} />
        </Stack>
      </Stack>
    </Paper>
  );
}
