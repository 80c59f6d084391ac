import type { Device } from "@kabinet/contracts";
import { Anchor, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useSignedInUser } from "../../components/SignedInArea.tsx";
import { useTRPC } from "../../trpc.ts";
import { hasPermission } from "../access.ts";
import { ConfirmModal } from "../components/ConfirmModal.tsx";
import { useInvalidate } from "../invalidate.ts";
import { DeviceKeyReveal } from "./DeviceKeyReveal.tsx";

function RotateKeyButton({ device, onRotated }: { device: Device; onRotated: (apiKey: string) => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  const [confirming, setConfirming] = useState(false);
  const rotate = useMutation(
    trpc.devices.rotateKey.mutationOptions({
      onSuccess: ({ device: next, api_key }) => {
        setConfirming(false);
        queryClient.setQueryData(trpc.devices.get.queryKey({ id: next.id }), next);
        onRotated(api_key);
        void invalidate(trpc.devices.list.pathKey(), trpc.logs.pathKey());
      },
    }),
  );
  return (
    <>
      <Button
        variant="light"
        onClick={() => {
          rotate.reset();
          setConfirming(true);
        }}
      >
        {t("admin.devices.rotate")}
      </Button>
      <ConfirmModal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t("admin.devices.rotateTitle", { name: device.name })}
        text={t("admin.devices.rotateText")}
        confirmLabel={t("admin.devices.rotate")}
        onConfirm={() => rotate.mutate({ id: device.id })}
        loading={rotate.isPending}
        error={rotate.error}
      />
    </>
  );
}

function RemoveDeviceButton({ device }: { device: Device }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation(
    trpc.devices.remove.mutationOptions({
      onSuccess: async () => {
        setConfirming(false);
        await navigate("/admin/devices");
        void invalidate(trpc.devices.pathKey(), trpc.permissions.pathKey(), trpc.logs.pathKey());
      },
    }),
  );
  return (
    <>
      <Button
        color="red"
        variant="light"
        onClick={() => {
          remove.reset();
          setConfirming(true);
        }}
      >
        {t("admin.devices.remove")}
      </Button>
      <ConfirmModal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t("admin.devices.removeTitle", { name: device.name })}
        text={t("admin.devices.removeText")}
        confirmLabel={t("admin.devices.remove")}
        onConfirm={() => remove.mutate({ id: device.id })}
        loading={remove.isPending}
        error={remove.error}
      />
    </>
  );
}

/** Rotating the key and removing the device: both stop the current key at once. */
export function DeviceKeyActions({ device }: { device: Device }) {
  const { t } = useTranslation();
  const readsLog = hasPermission(useSignedInUser(), "logs:read");
  // Kept only while this page is open: the API never shows the key again.
  const [apiKey, setApiKey] = useState<string | null>(null);
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="device-actions-title">
      <Stack gap="md">
        <Title order={2} fz="h3" id="device-actions-title">
          {t("admin.devices.actions")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("admin.devices.actionsHint")}
        </Text>
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
      </Stack>
    </Paper>
  );
}
