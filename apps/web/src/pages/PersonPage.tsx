import { Button, Divider, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import type { PublicProfile } from "@kabinet/contracts";

import { BackLink } from "../admin/components/BackLink.tsx";
import { QueryProblem } from "../admin/components/QueryProblem.tsx";
import { useIdParam } from "../admin/use-id-param.ts";
import { CardsSkeleton, useSignedInUser } from "../components/SignedInArea.tsx";
import { UserAvatar } from "../components/UserAvatar.tsx";
import { FriendshipControl } from "../friends/FriendshipControl.tsx";
import { ConfirmedBadge } from "../people/ConfirmedBadge.tsx";
import { problemOf } from "../problems.ts";
import { useTRPC } from "../trpc.ts";

/** An address with no one behind it: a malformed id, or an account that is not (or no longer) there. */
function NoSuchPerson() {
  const { t } = useTranslation();
  return (
    <Stack align="center" gap="sm" mt="xl" data-testid="person-not-found">
      <Title order={1} fz="h2">
        {t("people.notFoundTitle")}
      </Title>
      <Text c="dimmed" ta="center">
        {t("people.notFoundText")}
      </Text>
      <Button component={Link} to="/people" variant="light">
        {t("people.findPeople")}
      </Button>
    </Stack>
  );
}

function PersonCard({ person }: { person: PublicProfile }) {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const itsMe = me.id === person.user_id;
  return (
    <Paper withBorder radius="md" p="lg">
      <Stack gap="lg">
        <Group gap="lg" align="flex-start">
          <UserAvatar user={person} size={96} />
          <Stack gap="xs" miw={0} style={{ flex: "1 1 16rem" }}>
            <Title order={1} fz="h2" data-testid="person-name" style={{ overflowWrap: "anywhere" }}>
              {person.display_name}
            </Title>
            <Group gap="sm">
              {person.confirmed && <ConfirmedBadge />}
              <Text size="sm" data-testid="person-karma">
                {t("people.karma")}: <strong>{person.karma}</strong>
              </Text>
            </Group>
            {itsMe ? (
              <Stack gap="xs" align="flex-start">
                <Text size="sm">{t("people.you")}</Text>
                <Button component={Link} to="/profile" variant="light">
                  {t("people.editOwn")}
                </Button>
              </Stack>
            ) : (
              <FriendshipControl userId={person.user_id} name={person.display_name} />
            )}
          </Stack>
        </Group>
        <Divider label={t("people.about")} labelPosition="left" />
        {person.bio ? (
          <Text size="sm" style={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>
            {person.bio}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            {t("people.noBio")}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

function Person({ userId }: { userId: number }) {
  const trpc = useTRPC();
  const profile = useQuery(trpc.profiles.get.queryOptions({ user_id: userId }));
  if (profile.isPending) return <CardsSkeleton heights={[220]} />;
  if (profile.isError) {
    if (problemOf(profile.error).code === "user_not_found") return <NoSuchPerson />;
    return (
      <QueryProblem
        error={profile.error}
        onRetry={() => void profile.refetch()}
        retrying={profile.isFetching}
      />
    );
  }
  return <PersonCard person={profile.data} />;
}

/** Someone's public profile, and where I stand with them. */
export function PersonPage() {
  const { t } = useTranslation();
  const userId = useIdParam();
  return (
    <Stack gap="md">
      <BackLink to="/people">{t("people.findPeople")}</BackLink>
      {userId === undefined ? <NoSuchPerson /> : <Person key={userId} userId={userId} />}
    </Stack>
  );
}
