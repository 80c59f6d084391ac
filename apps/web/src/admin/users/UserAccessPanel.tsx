import { Anchor, Badge, Divider, Group, Skeleton, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import type { User } from "@kabinet/contracts";

import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { SectionCard } from "../../components/SectionCard.tsx";
import { useSignedInUser } from "../../components/SignedInArea.tsx";
import { useTRPC } from "../../trpc.ts";
import { hasPermission, mayChangeRole } from "../access.ts";
import { PermissionBadges } from "../components/PermissionBadges.tsx";
import { RoleControl } from "./RoleControl.tsx";

function EffectivePermissions({ id }: { id: number }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const permissions = useQuery(trpc.users.permissions.queryOptions({ id }));
  if (permissions.isPending) return <Skeleton height={24} radius="sm" aria-busy="true" />;
  if (permissions.isError) {
    return (
      <ProblemAlert
        error={permissions.error}
        title={t("common.loadFailed")}
        onRetry={() => void permissions.refetch()}
        retrying={permissions.isFetching}
      />
    );
  }
  return (
    <PermissionBadges names={permissions.data.permissions} empty={t("admin.user.noPermissions")} />
  );
}

function UserGroups({ groups }: { groups: User["groups"] }) {
  const { t } = useTranslation();
  const linked = hasPermission(useSignedInUser(), "groups:manage");
  if (groups.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t("admin.user.noGroups")}
      </Text>
    );
  }
  return (
    <Group gap={6} data-testid="user-groups">
      {groups.map((group) =>
        linked ? (
          <Anchor key={group.id} component={Link} to={`/admin/groups/${group.id}`} size="sm">
            {group.name}
          </Anchor>
        ) : (
          <Badge key={group.id} variant="outline" tt="none">
            {group.name}
          </Badge>
        ),
      )}
    </Group>
  );
}

export function UserAccessPanel({ user }: { user: User }) {
  const { t } = useTranslation();
  const me = useSignedInUser();
  return (
    <SectionCard titleId="access-title" title={t("admin.user.access")}>
      {mayChangeRole(me, user) && <RoleControl user={user} />}
      <Divider label={t("admin.user.permissions")} labelPosition="left" />
      <EffectivePermissions id={user.id} />
      <Divider label={t("admin.user.groups")} labelPosition="left" />
      <UserGroups groups={user.groups} />
    </SectionCard>
  );
}
