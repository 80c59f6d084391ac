import { Badge, Button, Group, Paper, Skeleton, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";

import type { Session } from "@kabinet/contracts";

import { formatDateTime } from "../format/dates.ts";
import { describeUserAgent } from "../format/user-agent.ts";
import { useTRPC } from "../trpc.ts";
import { ProblemAlert } from "./ProblemAlert.tsx";

function SessionRow({ session }: { session: Session }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const revoke = useMutation(
    trpc.me.revokeSession.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.me.sessions.queryKey() }),
    }),
  );
  const device = session.user_agent
    ? describeUserAgent(session.user_agent)
    : t("sessions.unknownDevice");
  return (
    <Paper withBorder radius="md" p="md" data-testid="session">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2}>
          <Group gap="xs">
            <Text fw={600}>{device}</Text>
            {session.current && (
              <Badge color="green" variant="light">
                {t("sessions.current")}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {session.ip ?? t("sessions.unknownAddress")}
          </Text>
          <Text size="sm" c="dimmed">
            {t("sessions.started", { date: formatDateTime(session.created_at, i18n.language) })} ·{" "}
            {t("sessions.lastUsed", { date: formatDateTime(session.last_used_at, i18n.language) })}
          </Text>
          {revoke.isError && (
            <ProblemAlert error={revoke.error} onRetry={() => revoke.mutate({ id: session.id })} />
          )}
        </Stack>
        {!session.current && (
          <Button
            variant="light"
            color="red"
            size="xs"
            loading={revoke.isPending}
            aria-label={t("sessions.revokeLabel", { device })}
            onClick={() => revoke.mutate({ id: session.id })}
          >
            {t("sessions.revoke")}
          </Button>
        )}
      </Group>
    </Paper>
  );
}

export function SessionsList() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const sessions = useQuery(trpc.me.sessions.queryOptions({}));
  return (
    <Stack gap="sm" component="section" aria-labelledby="sessions-title">
      <Title order={2} fz="h3" id="sessions-title">
        {t("sessions.title")}
      </Title>
      {sessions.isPending && (
        <Stack gap="sm" aria-busy="true">
          <Skeleton height={84} radius="md" />
          <Skeleton height={84} radius="md" />
        </Stack>
      )}
      {sessions.isError && (
        <ProblemAlert
          error={sessions.error}
          title={t("common.loadFailed")}
          onRetry={() => void sessions.refetch()}
          retrying={sessions.isFetching}
        />
      )}
      {sessions.data?.items.length === 0 && <Text c="dimmed">{t("sessions.empty")}</Text>}
      {sessions.data?.items
        .toSorted((a, b) => Number(b.current) - Number(a.current))
        .map((session) => (
          <SessionRow key={session.id} session={session} />
        ))}
    </Stack>
  );
}
