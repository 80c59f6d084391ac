import { Anchor, Group } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";

import type { Device } from "@kabinet/contracts";

import { SectionCard } from "../../components/SectionCard.tsx";
import { useSignedInUser } from "../../components/SignedInArea.tsx";
import { useTRPC } from "../../trpc.ts";
import { hasPermission } from "../access.ts";
import { ConfirmedAction } from "../components/ConfirmedAction.tsx";
import { useInvalidate } from "../invalidate.ts";
import { DeviceKeyReveal } from "./DeviceKeyReveal.tsx";

function RotateKeyButton({
  device,
  onRotated,
}: {
  device: Device;
  onRotated: (apiKey: string) => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  const rotate = useMutation(
    trpc.devices.rotateKey.mutationOptions({
      onSuccess: ({ device: next, api_key }) => {
        queryClient.setQueryData(trpc.devices.get.queryKey({ id: next.id }), next);
        onRotated(api_key);
        void invalidate(trpc.devices.list.pathKey(), trpc.logs.pathKey());
      },
    }),
  );
  return (
    <ConfirmedAction
      label={t("admin.devices.rotate")}
      title={t("admin.devices.rotateTitle", { name: device.name })}
      text={t("admin.devices.rotateText")}
      mutation={rotate}
      variables={{ id: device.id }}
      variant="light"
    />
  );
}

function RemoveDeviceButton({ device }: { device: Device }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const remove = useMutation(
    trpc.devices.remove.mutationOptions({
      onSuccess: async () => {
        await navigate("/admin/devices");
        void invalidate(trpc.devices.pathKey(), trpc.permissions.pathKey(), trpc.logs.pathKey());
      },
    }),
  );
  return (
    <ConfirmedAction
      label={t("admin.devices.remove")}
      title={t("admin.devices.removeTitle", { name: device.name })}
      text={t("admin.devices.removeText")}
      mutation={remove}
      variables={{ id: device.id }}
      color="red"
      variant="light"
    />
  );
}

/** Rotating the key and removing the device: both stop the current key at once. */
export function DeviceKeyActions({ device }: { device: Device }) {
  const { t } = useTranslation();
  const readsLog = hasPermission(useSignedInUser(), "logs:read");
  // Kept only while this page is open: the API never shows the key again.
  const [apiKey, setApiKey] = useState<string | null>(null);
  return (
    <SectionCard
      titleId="device-actions-title"
      title={t("admin.devices.actions")}
      hint={t("admin.devices.actionsHint")}
    >
      <Group gap="sm">
        <RotateKeyButton device={device} onRotated={setApiKey} />
        <RemoveDeviceButton device={device} />
      </Group>
      {apiKey && <DeviceKeyReveal device={device} apiKey={apiKey} />}
      {readsLog && (
        <Anchor component={Link} to={`/admin/logs?device_id=${device.id}`} size="sm">
          {t("admin.devices.openLog")}
        </Anchor>
      )}
    </SectionCard>
  );
}
