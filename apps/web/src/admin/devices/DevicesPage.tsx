import { Alert, Button, Group, Paper, Stack, Text } from "@mantine/core";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { PageHeader } from "../../components/PageHeader.tsx";
import { useTRPC } from "../../trpc.ts";
import { EmptyResult } from "../components/EmptyResult.tsx";
import { LoadMore } from "../components/LoadMore.tsx";
import { QueryProblem } from "../components/QueryProblem.tsx";
import { TableSkeleton } from "../components/TableSkeleton.tsx";
import { DeviceCreateForm, type CreatedDevice } from "./DeviceCreateForm.tsx";
import { DeviceKeyReveal } from "./DeviceKeyReveal.tsx";
import { DevicesTable } from "./DevicesTable.tsx";
import { QrSettingsCard } from "./QrSettingsCard.tsx";

function CreatedDeviceResult({ created, onDone }: { created: CreatedDevice; onDone: () => void }) {
  const { t } = useTranslation();
  const { device, api_key: apiKey } = created;
  return (
    <Paper withBorder radius="md" p="lg" data-testid="device-created">
      <Stack gap="md">
        <Alert color="green" variant="light" role="status">
          {t("admin.devices.created", { name: device.name })}
        </Alert>
        <DeviceKeyReveal device={device} apiKey={apiKey} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t("admin.close")}
          </Button>
          <Button component={Link} to={`/admin/devices/${device.id}`}>
            {t("admin.devices.openDevice")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

export function DevicesPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [creating, setCreating] = useState(false);
  // Kept only while this page is open: the API never shows the key again.
  const [created, setCreated] = useState<CreatedDevice | null>(null);
  const devices = useInfiniteQuery(
    trpc.devices.list.infiniteQueryOptions(
      { limit: 50 },
      { getNextPageParam: (last) => last.next_cursor },
    ),
  );
  const items = devices.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="md">
      <PageHeader title={t("admin.devices.title")}>
        <Group gap="sm">
          <Button component={Link} to="/admin/scan" variant="default">
            {t("admin.devices.testScan")}
          </Button>
          {!creating && !created && (
            <Button onClick={() => setCreating(true)}>{t("admin.devices.create")}</Button>
          )}
        </Group>
      </PageHeader>
      <Text size="sm" c="dimmed">
        {t("admin.devices.intro")}
      </Text>
      {creating && (
        <DeviceCreateForm
          onCancel={() => setCreating(false)}
          onCreated={(result) => {
            setCreating(false);
            setCreated(result);
          }}
        />
      )}
      {created && <CreatedDeviceResult created={created} onDone={() => setCreated(null)} />}
      {devices.isPending && <TableSkeleton rows={3} />}
      {devices.isError && !devices.isFetchNextPageError && (
        <QueryProblem
          error={devices.error}
          onRetry={() => void devices.refetch()}
          retrying={devices.isFetching}
        />
      )}
      {devices.data && (
        <>
          {items.length === 0 ? (
            <EmptyResult>{t("admin.devices.empty")}</EmptyResult>
          ) : (
            <DevicesTable devices={items} />
          )}
          <LoadMore pager={devices} />
        </>
      )}
      <QrSettingsCard />
    </Stack>
  );
}
