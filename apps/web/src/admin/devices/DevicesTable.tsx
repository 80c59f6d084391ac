import { Badge, Code, Table } from "@mantine/core";
import { useTranslation } from "react-i18next";

import type { Device } from "@kabinet/contracts";

import { formatDateTime } from "../../format/dates.ts";
import { CellText, DataTable, MaybeLink } from "../components/DataTable.tsx";

export function DevicesTable({ devices }: { devices: Device[] }) {
  const { t, i18n } = useTranslation();
  return (
    <DataTable
      label={t("admin.devices.title")}
      minWidth={860}
      columns={[
        t("admin.devices.name"),
        t("admin.devices.slug"),
        t("admin.devices.location"),
        t("admin.devices.requiredPermission"),
        t("admin.devices.key"),
        t("admin.devices.lastSeen"),
      ]}
    >
      {devices.map((device) => (
        <Table.Tr key={device.id} data-testid="device-row">
          <Table.Td>
            <MaybeLink to={`/admin/devices/${device.id}`} bold>
              {device.name}
            </MaybeLink>
          </Table.Td>
          <Table.Td>
            <Code>{device.slug}</Code>
          </Table.Td>
          <Table.Td>
            <CellText>{device.location}</CellText>
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
            <CellText empty={t("admin.devices.never")}>
              {device.last_seen_at && formatDateTime(device.last_seen_at, i18n.language)}
            </CellText>
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
