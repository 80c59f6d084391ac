import { Group, Stack, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

import type { User } from "@kabinet/contracts";

import { fullName } from "../../components/ProfileView.tsx";
import { UserAvatar } from "../../components/UserAvatar.tsx";
import { formatDateTime } from "../../format/dates.ts";
import { CellText, DataTable, MaybeLink } from "../components/DataTable.tsx";
import { RoleBadge, StateBadge } from "../components/StateBadges.tsx";

function UserRow({ user }: { user: User }) {
  const { t, i18n } = useTranslation();
  return (
    <Table.Tr data-testid="user-row">
      <Table.Td>
        <Group gap="sm" wrap="nowrap">
          <UserAvatar user={user} size={32} />
          <Stack gap={0}>
            <MaybeLink to={`/admin/users/${user.id}`} bold>
              {user.display_name ?? fullName(user)}
            </MaybeLink>
            <Text size="xs" c="dimmed">
              @{user.login}
            </Text>
          </Stack>
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="sm" style={{ overflowWrap: "anywhere" }}>
          {user.email}
        </Text>
      </Table.Td>
      <Table.Td>
        <RoleBadge role={user.role} />
      </Table.Td>
      <Table.Td>
        <StateBadge state={user.state} />
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatDateTime(user.created_at, i18n.language)}</Text>
      </Table.Td>
      <Table.Td>
        <CellText empty={t("admin.users.never")}>
          {user.last_activity_at && formatDateTime(user.last_activity_at, i18n.language)}
        </CellText>
      </Table.Td>
    </Table.Tr>
  );
}

export function UsersTable({ users }: { users: User[] }) {
  const { t } = useTranslation();
  return (
    <DataTable
      label={t("admin.users.title")}
      minWidth={820}
      columns={[
        t("admin.users.columns.name"),
        t("fields.email"),
        t("profile.role"),
        t("profile.state"),
        t("admin.users.columns.created"),
        t("profile.lastActivity"),
      ]}
    >
      {users.map((user) => (
        <UserRow key={user.id} user={user} />
      ))}
    </DataTable>
  );
}
