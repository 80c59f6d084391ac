import { Skeleton, Stack } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";

import { problemOf } from "../../problems.ts";
import { useTRPC } from "../../trpc.ts";
import { BackLink } from "../components/BackLink.tsx";
import { NotFoundItem } from "../components/NotFoundItem.tsx";
import { QueryProblem } from "../components/QueryProblem.tsx";
import { useIdParam } from "../use-id-param.ts";
import { DeviceEditForm } from "./DeviceEditForm.tsx";
import { DeviceKeyActions } from "./DeviceKeyActions.tsx";

function DeviceDetail({ id }: { id: number }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const device = useQuery(trpc.devices.get.queryOptions({ id }));
  if (device.isPending) {
    return (
      <Stack gap="md" aria-busy="true">
        <Skeleton height={320} radius="md" />
        <Skeleton height={140} radius="md" />
      </Stack>
    );
  }
  if (device.isError) {
    if (problemOf(device.error).code === "device_not_found") {
      return (
        <NotFoundItem
          code="device_not_found"
          back="/admin/devices"
          backLabel={t("admin.devices.back")}
        />
      );
    }
    return (
      <QueryProblem
        error={device.error}
        onRetry={() => void device.refetch()}
        retrying={device.isFetching}
      />
    );
  }
  return (
    <Stack gap="md">
      <BackLink to="/admin/devices">{t("admin.devices.back")}</BackLink>
      <DeviceEditForm key={device.data.id} device={device.data} />
      <DeviceKeyActions device={device.data} />
    </Stack>
  );
}

export function DeviceDetailPage() {
  const { t } = useTranslation();
  const id = useIdParam();
  if (id === undefined)
    return (
      <NotFoundItem
        code="device_not_found"
        back="/admin/devices"
        backLabel={t("admin.devices.back")}
      />
    );
  return <DeviceDetail key={id} id={id} />;
}
