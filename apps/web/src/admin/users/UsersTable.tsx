import { Anchor, Avatar, Group, Stack, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import type { User } from "@kabinet/contracts";

import { fullName } from "../../components/ProfileView.tsx";
import { formatDateTime } from "../../format/dates.ts";
import { RoleBadge, StateBadge } from "../components/StateBadges.tsx";

function UserRow({ user }: { user: User }) {
  const { t, i18n } = useTranslation();
  return (
    <Table.Tr data-testid="user-row">
      <Table.Td>
        <Group gap="sm" wrap="nowrap">
          <Avatar src={user.avatar} size={32} radius="xl" color={user.background_color ?? "indigo"}>
            {user.first_name.charAt(0)}
            {user.last_name.charAt(0)}
          </Avatar>
          <Stack gap={0}>
            <Anchor component={Link} to={`/admin/users/${user.id}`} size="sm" fw={600}>
              {user.display_name ?? fullName(user)}
            </Anchor>
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
        <Text size="sm" c={user.last_activity_at ? undefined : "dimmed"}>
          {user.last_activity_at
            ? formatDateTime(user.last_activity_at, i18n.language)
            : t("admin.users.never")}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

export function UsersTable({ users }: { users: User[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table striped highlightOnHover verticalSpacing="xs" aria-label={t("admin.users.title")}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("admin.users.columns.name")}</Table.Th>
            <Table.Th>{t("fields.email")}</Table.Th>
            <Table.Th>{t("profile.role")}</Table.Th>
            <Table.Th>{t("profile.state")}</Table.Th>
            <Table.Th>{t("admin.users.columns.created")}</Table.Th>
            <Table.Th>{t("profile.lastActivity")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => (
            <UserRow key={user.id} user={user} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
