import { Code, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

import type { LogEntry } from "@kabinet/contracts";

import { formatDateTime } from "../../format/dates.ts";
import { CellText, DataTable, MaybeLink } from "../components/DataTable.tsx";
import { compactJson } from "./log-filters.ts";

/** A user or device an entry names, linked for a reader who may open it, a dash when none. */
function Ref({ id, label, to }: { id: number | null; label: string; to: string | undefined }) {
  if (id === null) return <CellText>{null}</CellText>;
  return <MaybeLink to={to}>{label}</MaybeLink>;
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
  const person = (id: number | null, login: string | null) => (
    <Ref id={id} label={login ?? `#${id}`} to={linkUsers ? `/admin/users/${id}` : undefined} />
  );
  return (
    <DataTable
      label={t("admin.logs.title")}
      minWidth={960}
      highlightOnHover={false}
      verticalSpacing={6}
      fz="sm"
      columns={[
        t("admin.logs.columns.at"),
        t("admin.logs.columns.action"),
        t("admin.logs.columns.actor"),
        t("admin.logs.columns.user"),
        t("admin.logs.columns.device"),
        t("admin.logs.columns.ip"),
        t("admin.logs.columns.details"),
      ]}
    >
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
            <Table.Td>{person(entry.actor_id, entry.actor_login)}</Table.Td>
            <Table.Td>{person(entry.user_id, entry.user_login)}</Table.Td>
            <Table.Td data-testid="log-device">
              <Ref
                id={entry.device_id}
                label={`#${entry.device_id}`}
                to={linkDevices ? `/admin/devices/${entry.device_id}` : undefined}
              />
            </Table.Td>
            <Table.Td>
              <CellText>{entry.ip}</CellText>
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
    </DataTable>
  );
}
