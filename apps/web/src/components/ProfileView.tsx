import {
  Badge,
  Button,
  Divider,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

import type { User } from "@kabinet/contracts";

import { formatDate, formatDateTime } from "../format/dates.ts";
import { UserAvatar } from "./UserAvatar.tsx";

/** Where the avatar used to live: callers importing it from here keep working. */
export { UserAvatar };

export function fullName(user: Pick<User, "first_name" | "last_name" | "patronymic">): string {
  return [user.first_name, user.patronymic, user.last_name].filter(Boolean).join(" ");
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation();
  const empty = children === null || children === undefined || children === "";
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" c={empty ? "dimmed" : undefined} style={{ overflowWrap: "anywhere" }}>
        {empty ? t("common.notSet") : children}
      </Text>
    </Stack>
  );
}

/** An account's details; without `onEdit` it is read-only. */
export function ProfileView({ user, onEdit }: { user: User; onEdit?: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Paper withBorder radius="md" p="lg">
      <Stack gap="lg">
        <Group justify="space-between" align="flex-start">
          <Group gap="md" wrap="nowrap">
            <UserAvatar user={user} size={64} />
            <Stack gap={4}>
              <Title order={1} fz="h2" data-testid="profile-name">
                {user.display_name ?? fullName(user)}
              </Title>
              <Group gap="xs">
                <Text c="dimmed" size="sm">
                  @{user.login}
                </Text>
                <Badge variant="light">{t(`profile.roles.${user.role}`)}</Badge>
                <Badge variant="light" color={user.state === "activated" ? "green" : "gray"}>
                  {t(`profile.states.${user.state}`)}
                </Badge>
              </Group>
              {user.description && <Text size="sm">{user.description}</Text>}
            </Stack>
          </Group>
          {onEdit && (
            <Button variant="light" onClick={onEdit}>
              {t("common.edit")}
            </Button>
          )}
        </Group>

        <Divider label={t("profile.personal")} labelPosition="left" />
        <SimpleGrid cols={{ base: 1, xs: 2, sm: 3 }} spacing="md">
          <Detail label={t("fields.first_name")}>{user.first_name}</Detail>
          <Detail label={t("fields.last_name")}>{user.last_name}</Detail>
          <Detail label={t("fields.patronymic")}>{user.patronymic}</Detail>
          <Detail label={t("fields.display_name")}>{user.display_name}</Detail>
          <Detail label={t("fields.birthday")}>
            {user.birthday && formatDate(user.birthday, i18n.language)}
          </Detail>
          <Detail label={t("fields.class")}>{user.class}</Detail>
        </SimpleGrid>

        <Divider label={t("profile.contacts")} labelPosition="left" />
        <SimpleGrid cols={{ base: 1, xs: 2, sm: 3 }} spacing="md">
          <Detail label={t("fields.email")}>{user.email}</Detail>
          <Detail label={t("fields.phone")}>{user.phone}</Detail>
          <Detail label={t("fields.contacts_email")}>{user.contacts.email}</Detail>
          <Detail label={t("fields.contacts_phone")}>{user.contacts.phone}</Detail>
          <Detail label={t("fields.telegram")}>{user.contacts.telegram}</Detail>
          <Detail label={t("fields.viber")}>{user.contacts.viber}</Detail>
        </SimpleGrid>

        <Divider label={t("profile.about")} labelPosition="left" />
        <Detail label={t("fields.bio")}>{user.bio}</Detail>

        <Divider label={t("profile.account")} labelPosition="left" />
        <SimpleGrid cols={{ base: 1, xs: 2, sm: 3 }} spacing="md">
          <Detail label={t("profile.memberSince")}>
            {formatDateTime(user.created_at, i18n.language)}
          </Detail>
          <Detail label={t("profile.lastActivity")}>
            {user.last_activity_at && formatDateTime(user.last_activity_at, i18n.language)}
          </Detail>
          <Detail label={t("profile.groups")}>
            {user.groups.length
              ? user.groups.map((group) => group.name).join(", ")
              : t("profile.noGroups")}
          </Detail>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
