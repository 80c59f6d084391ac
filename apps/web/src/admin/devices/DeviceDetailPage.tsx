import { Stack } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";

import { CardsSkeleton } from "../../components/SignedInArea.tsx";
import { useTRPC } from "../../trpc.ts";
import { BackLink } from "../components/BackLink.tsx";
import { ItemQuery, ItemRoute, type ItemKind } from "../components/ItemPage.tsx";
import { DeviceEditForm } from "./DeviceEditForm.tsx";
import { DeviceKeyActions } from "./DeviceKeyActions.tsx";

function DeviceDetail({ id, kind }: { id: number; kind: ItemKind }) {
  const trpc = useTRPC();
  const device = useQuery(trpc.devices.get.queryOptions({ id }));
  return (
    <ItemQuery query={device} kind={kind} skeleton={<CardsSkeleton heights={[320, 140]} />}>
      {(data) => (
        <Stack gap="md">
          <BackLink to={kind.back}>{kind.backLabel}</BackLink>
          <DeviceEditForm key={data.id} device={data} />
          <DeviceKeyActions device={data} />
        </Stack>
      )}
    </ItemQuery>
  );
}

export function DeviceDetailPage() {
  const { t } = useTranslation();
  const kind = {
    code: "device_not_found",
    back: "/admin/devices",
    backLabel: t("admin.devices.back"),
  } as const;
  return <ItemRoute kind={kind}>{(id) => <DeviceDetail id={id} kind={kind} />}</ItemRoute>;
}
