import { Anchor, Badge, Group as Row, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { mayChangeGroup, type Group } from "@kabinet/contracts";

import { useSignedInUser } from "../../components/SignedInArea.tsx";
import { formatDateTime } from "../../format/dates.ts";
import { PermissionBadges } from "../components/PermissionBadges.tsx";

export function GroupsTable({ groups }: { groups: Group[] }) {
  const { t, i18n } = useTranslation();
  const me = useSignedInUser();
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover verticalSpacing="xs" aria-label={t("admin.groups.title")}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("admin.groups.name")}</Table.Th>
            <Table.Th>{t("admin.groups.description")}</Table.Th>
            <Table.Th>{t("admin.groups.permissions")}</Table.Th>
            <Table.Th>{t("admin.groups.members")}</Table.Th>
            <Table.Th>{t("admin.groups.created")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {groups.map((group) => (
            <Table.Tr key={group.id} data-testid="group-row">
              <Table.Td>
                <Row gap="xs" wrap="nowrap">
                  <Anchor component={Link} to={`/admin/groups/${group.id}`} fw={600} size="sm">
                    {group.name}
                  </Anchor>
                  {!mayChangeGroup(me, group) && (
                    <Badge variant="outline" color="gray" tt="none" data-testid="group-read-only">
                      {t("admin.groups.readOnly")}
                    </Badge>
                  )}
                </Row>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={group.description ? undefined : "dimmed"}>
                  {group.description ?? "—"}
                </Text>
              </Table.Td>
              <Table.Td>
                <PermissionBadges
                  names={group.permissions}
                  empty={t("admin.groups.noPermissions")}
                />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{group.member_count}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatDateTime(group.created_at, i18n.language)}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
