import { Anchor, Badge, Code, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import type { Device } from "@kabinet/contracts";

import { formatDateTime } from "../../format/dates.ts";

export function DevicesTable({ devices }: { devices: Device[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table striped highlightOnHover verticalSpacing="xs" aria-label={t("admin.devices.title")}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("admin.devices.name")}</Table.Th>
            <Table.Th>{t("admin.devices.slug")}</Table.Th>
            <Table.Th>{t("admin.devices.location")}</Table.Th>
            <Table.Th>{t("admin.devices.requiredPermission")}</Table.Th>
            <Table.Th>{t("admin.devices.key")}</Table.Th>
            <Table.Th>{t("admin.devices.lastSeen")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {devices.map((device) => (
            <Table.Tr key={device.id} data-testid="device-row">
              <Table.Td>
                <Anchor component={Link} to={`/admin/devices/${device.id}`} fw={600} size="sm">
                  {device.name}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Code>{device.slug}</Code>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={device.location ? undefined : "dimmed"}>
                  {device.location ?? "—"}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge
                  variant="light"
                  tt="none"
                  color={device.required_permission.startsWith("device:") ? "grape" : "indigo"}
                >
                  {device.required_permission}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Code>{device.key_prefix}…</Code>
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Text size="sm" c={device.last_seen_at ? undefined : "dimmed"}>
                  {device.last_seen_at
                    ? formatDateTime(device.last_seen_at, i18n.language)
                    : t("admin.devices.never")}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
