import { Skeleton, Switch, Text } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";

import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { SectionCard } from "../../components/SectionCard.tsx";
import { useTRPC } from "../../trpc.ts";
import { QueryProblem } from "../components/QueryProblem.tsx";
import { useInvalidate } from "../invalidate.ts";

/** The server-wide switch for resolving codes without a device key. */
export function QrSettingsCard() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  const settings = useQuery(trpc.settings.get.queryOptions({}));
  const update = useMutation(
    trpc.settings.update.mutationOptions({
      onSuccess: (next) => {
        queryClient.setQueryData(trpc.settings.get.queryKey({}), next);
        void invalidate(trpc.logs.pathKey());
      },
    }),
  );
  // While a change is on its way the switch shows it; a failure puts it back.
  const checked = update.isPending
    ? update.variables.qr_keyless_resolve
    : settings.data?.qr_keyless_resolve;

  return (
    <SectionCard titleId="qr-settings-title" title={t("admin.devices.settings.title")} gap="sm">
      {settings.isPending && <Skeleton height={48} radius="sm" />}
      {settings.isError && (
        <QueryProblem
          error={settings.error}
          onRetry={() => void settings.refetch()}
          retrying={settings.isFetching}
        />
      )}
      {settings.data && (
        <Switch
          checked={checked ?? false}
          onChange={(event) => update.mutate({ qr_keyless_resolve: event.currentTarget.checked })}
          disabled={update.isPending}
          label={t("admin.devices.settings.keyless")}
          description={t("admin.devices.settings.keylessHint")}
          data-testid="keyless-switch"
        />
      )}
      {update.isError && <ProblemAlert error={update.error} />}
      <Text size="xs" c="dimmed">
        {t("admin.devices.settings.default")}
      </Text>
    </SectionCard>
  );
}
