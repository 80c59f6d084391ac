import { Alert, Anchor, Badge, Code, Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import type { Resolution } from "@kabinet/contracts";

import { SectionCard } from "../../components/SectionCard.tsx";
import { problemMessage } from "../../i18n/messages.ts";
import type { ProblemInfo } from "../../problems.ts";
import { PermissionBadges } from "../components/PermissionBadges.tsx";
import { scanProblemColor } from "./scan-form.ts";

function Verdict({ allowed, slug }: { allowed: boolean | null; slug: string | undefined }) {
  const { t } = useTranslation();
  if (allowed === null) {
    return (
      <Badge
        size="xl"
        variant="light"
        color="gray"
        data-testid="scan-verdict"
        data-verdict="identified"
      >
        {t("admin.scan.identified")}
      </Badge>
    );
  }
  return (
    <Group gap="sm">
      <Badge
        size="xl"
        variant="filled"
        color={allowed ? "green" : "red"}
        data-testid="scan-verdict"
        data-verdict={allowed ? "allowed" : "denied"}
      >
        {t(allowed ? "admin.scan.allowed" : "admin.scan.denied")}
      </Badge>
      {slug && (
        <Text size="sm" c="dimmed">
          {t("admin.scan.onDevice", { slug })}
        </Text>
      )}
    </Group>
  );
}

/** Who the code belongs to, and whether they may use the device chosen. */
export function ScanResolution({
  resolution,
  at,
  linkUser,
}: {
  resolution: Resolution;
  at: string;
  linkUser: boolean;
}) {
  const { t } = useTranslation();
  return (
    <SectionCard
      titleId="scan-result-title"
      title={t("admin.scan.resultTitle")}
      aside={
        <Text size="xs" c="dimmed">
          {t("admin.scan.checkedAt", { time: at })}
        </Text>
      }
      data-testid="scan-result"
    >
      <Verdict allowed={resolution.allowed} slug={resolution.device?.slug} />
      <Stack gap={2}>
        <Text fw={700} fz="lg" data-testid="scan-fullname">
          {resolution.fullname}
        </Text>
        <Group gap="sm">
          <Text size="sm" data-testid="scan-username">
            @{resolution.username}
          </Text>
          {linkUser ? (
            <Anchor
              component={Link}
              to={`/admin/users/${resolution.user_id}`}
              size="sm"
              data-testid="scan-user-id"
            >
              {t("admin.scan.userId", { id: resolution.user_id })}
            </Anchor>
          ) : (
            <Text size="sm" c="dimmed" data-testid="scan-user-id">
              {t("admin.scan.userId", { id: resolution.user_id })}
            </Text>
          )}
        </Group>
      </Stack>
      <Stack gap={4}>
        <Text size="sm" fw={600}>
          {t("admin.scan.permissions")}
        </Text>
        <PermissionBadges names={resolution.permissions} empty={t("admin.user.noPermissions")} />
      </Stack>
    </SectionCard>
  );
}

/** A refused code: what the API said, in words and as its machine code. */
export function ScanRefusal({ problem, at }: { problem: ProblemInfo; at: string }) {
  const { t } = useTranslation();
  return (
    <Alert
      color={scanProblemColor(problem.code)}
      variant="light"
      title={t("admin.scan.refused")}
      role="alert"
      data-testid="scan-error"
      data-code={problem.code}
    >
      <Stack gap={4}>
        <Text size="sm">{problemMessage(t, problem)}</Text>
        <Group gap="xs">
          <Code>{problem.code}</Code>
          <Text size="xs" c="dimmed">
            {t("admin.scan.checkedAt", { time: at })}
          </Text>
        </Group>
      </Stack>
    </Alert>
  );
}
