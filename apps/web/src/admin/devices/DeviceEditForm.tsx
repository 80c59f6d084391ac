import { zodResolver } from "@hookform/resolvers/zod";
import { Code, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { DevicePatch, type Device } from "@kabinet/contracts";

import { EditFormCard } from "../../components/EditFormCard.tsx";
import { formatDateTime } from "../../format/dates.ts";
import { useFormFields } from "../../forms/use-form-fields.ts";
import { useFormProblem } from "../../forms/use-form-problem.ts";
import { useTRPC } from "../../trpc.ts";
import { useInvalidate } from "../invalidate.ts";
import { defaultRequiredPermission, deviceEditDefaults } from "./device-form.ts";
import { DeviceFields, deviceProblems } from "./DeviceFields.tsx";

function Fact({
  label,
  children,
  testId,
}: {
  label: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div" data-testid={testId}>
        {children}
      </Text>
    </Stack>
  );
}

/** Name, place and required permission of a device; its slug stays as registered. */
export function DeviceEditForm({ device }: { device: Device }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  const [saved, setSaved] = useState(false);
  const form = useForm({
    resolver: zodResolver(DevicePatch),
    defaultValues: deviceEditDefaults(device),
  });
  const { bind } = useFormFields(form);
  const { problem, report, submit } = useFormProblem(form, deviceProblems);
  const update = useMutation(
    trpc.devices.update.mutationOptions({
      onSuccess: (next) => {
        queryClient.setQueryData(trpc.devices.get.queryKey({ id: next.id }), next);
        form.reset(deviceEditDefaults(next));
        setSaved(true);
        void invalidate(
          trpc.devices.list.pathKey(),
          trpc.permissions.pathKey(),
          trpc.logs.pathKey(),
        );
      },
      onError: report,
    }),
  );
  const date = (iso: string) => formatDateTime(iso, i18n.language);

  return (
    <EditFormCard
      labelledBy="device-title"
      header={
        <>
          <Stack gap={4}>
            <Title order={1} fz="h2" id="device-title" data-testid="device-name">
              {device.name}
            </Title>
            <Group gap="xs">
              <Code>{device.slug}</Code>
              <Text size="sm" c="dimmed">
                #{device.id}
              </Text>
            </Group>
          </Stack>
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
            <Fact label={t("admin.devices.key")}>
              <Code>{device.key_prefix}…</Code>
            </Fact>
            <Fact label={t("admin.devices.keyRotated")}>{date(device.key_rotated_at)}</Fact>
            <Fact label={t("admin.devices.lastSeen")} testId="device-last-seen">
              {device.last_seen_at ? date(device.last_seen_at) : t("admin.devices.never")}
            </Fact>
            <Fact label={t("admin.devices.registered")}>{date(device.created_at)}</Fact>
          </SimpleGrid>
        </>
      }
      onSubmit={submit((patch) => {
        setSaved(false);
        update.mutate({ id: device.id, ...patch });
      })}
      problem={problem}
      form={form}
      saved={saved}
      onSavedClose={() => setSaved(false)}
      savedText={t("admin.devices.saved")}
      pending={update.isPending}
    >
      <DeviceFields bind={bind} ownPermission={defaultRequiredPermission(device.slug)} />
    </EditFormCard>
  );
}
