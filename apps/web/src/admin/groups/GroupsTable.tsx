import { Badge, Group as Row, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

import { mayChangeGroup, type Group } from "@kabinet/contracts";

import { useSignedInUser } from "../../components/SignedInArea.tsx";
import { formatDateTime } from "../../format/dates.ts";
import { CellText, DataTable, MaybeLink } from "../components/DataTable.tsx";
import { PermissionBadges } from "../components/PermissionBadges.tsx";

export function GroupsTable({ groups }: { groups: Group[] }) {
  const { t, i18n } = useTranslation();
  const me = useSignedInUser();
  return (
    <DataTable
      label={t("admin.groups.title")}
      minWidth={760}
      columns={[
        t("admin.groups.name"),
        t("admin.groups.description"),
        t("admin.groups.permissions"),
        t("admin.groups.members"),
        t("admin.groups.created"),
      ]}
    >
      {groups.map((group) => (
        <Table.Tr key={group.id} data-testid="group-row">
          <Table.Td>
            <Row gap="xs" wrap="nowrap">
              <MaybeLink to={`/admin/groups/${group.id}`} bold>
                {group.name}
              </MaybeLink>
              {!mayChangeGroup(me, group) && (
                <Badge variant="outline" color="gray" tt="none" data-testid="group-read-only">
                  {t("admin.groups.readOnly")}
                </Badge>
              )}
            </Row>
          </Table.Td>
          <Table.Td>
            <CellText>{group.description}</CellText>
          </Table.Td>
          <Table.Td>
            <PermissionBadges names={group.permissions} empty={t("admin.groups.noPermissions")} />
          </Table.Td>
          <Table.Td>
            <Text size="sm">{group.member_count}</Text>
          </Table.Td>
          <Table.Td>
            <Text size="sm">{formatDateTime(group.created_at, i18n.language)}</Text>
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
