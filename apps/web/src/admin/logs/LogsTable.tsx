import { Anchor, Code, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import type { LogEntry } from "@kabinet/contracts";

import { formatDateTime } from "../../format/dates.ts";
import { compactJson } from "./log-filters.ts";

function Person({
  id,
  login,
  linked,
}: {
  id: number | null;
  login: string | null;
  linked: boolean;
}) {
  if (id === null)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  const label = login ?? `#${id}`;
  return linked ? (
    <Anchor component={Link} to={`/admin/users/${id}`} size="sm">
      {label}
    </Anchor>
  ) : (
    <Text size="sm">{label}</Text>
  );
}

function DeviceRef({ id, linked }: { id: number | null; linked: boolean }) {
  if (id === null)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return linked ? (
    <Anchor component={Link} to={`/admin/devices/${id}`} size="sm">
      #{id}
    </Anchor>
  ) : (
    <Text size="sm">#{id}</Text>
  );
}

/** `linkUsers`, `linkDevices`: whether the reader may open accounts (`users:read`) and devices (`devices:manage`). */
export function LogsTable({
  entries,
  linkUsers,
  linkDevices = false,
}: {
  entries: LogEntry[];
  linkUsers: boolean;
  linkDevices?: boolean;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table striped verticalSpacing={6} fz="sm" aria-label={t("admin.logs.title")}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("admin.logs.columns.at")}</Table.Th>
            <Table.Th>{t("admin.logs.columns.action")}</Table.Th>
            <Table.Th>{t("admin.logs.columns.actor")}</Table.Th>
            <Table.Th>{t("admin.logs.columns.user")}</Table.Th>
            <Table.Th>{t("admin.logs.columns.device")}</Table.Th>
            <Table.Th>{t("admin.logs.columns.ip")}</Table.Th>
            <Table.Th>{t("admin.logs.columns.details")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => {
            const details = compactJson(entry.details);
            return (
              <Table.Tr key={entry.id} data-testid="log-row">
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  {formatDateTime(entry.at, i18n.language)}
                </Table.Td>
                <Table.Td>
                  <Code data-testid="log-action">{entry.action}</Code>
                </Table.Td>
                <Table.Td>
                  <Person id={entry.actor_id} login={entry.actor_login} linked={linkUsers} />
                </Table.Td>
                <Table.Td>
                  <Person id={entry.user_id} login={entry.user_login} linked={linkUsers} />
                </Table.Td>
                <Table.Td data-testid="log-device">
                  <DeviceRef id={entry.device_id} linked={linkDevices} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={entry.ip ? undefined : "dimmed"}>
                    {entry.ip ?? "—"}
                  </Text>
                </Table.Td>
                <Table.Td maw={360}>
                  <Text
                    size="xs"
                    ff="monospace"
                    lineClamp={2}
                    title={details}
                    style={{ overflowWrap: "anywhere" }}
                  >
                    {details}
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
