import { zodResolver } from "@hookform/resolvers/zod";
import { DevicePatch, type Device } from "@kabinet/contracts";
import { Alert, Button, Code, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { formatDateTime } from "../../format/dates.ts";
import { emptyToNull } from "../../forms/empty-values.ts";
import { useFieldError } from "../../forms/use-field-error.ts";
import { useFormProblem } from "../../forms/use-form-problem.ts";
import { useTRPC } from "../../trpc.ts";
import { useInvalidate } from "../invalidate.ts";
import { deviceEditDefaults, defaultRequiredPermission } from "./device-form.ts";

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
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
  const form = useForm({ resolver: zodResolver(DevicePatch), defaultValues: deviceEditDefaults(device) });
  const errorOf = useFieldError(form);
  const { problem, report, clear } = useFormProblem(form.setError, {
    fields: { name: "name", location: "location", required_permission: "required_permission" },
  });
  const update = useMutation(
    trpc.devices.update.mutationOptions({
      onSuccess: (next) => {
        queryClient.setQueryData(trpc.devices.get.queryKey({ id: next.id }), next);
        form.reset(deviceEditDefaults(next));
        setSaved(true);
        void invalidate(trpc.devices.list.pathKey(), trpc.permissions.pathKey(), trpc.logs.pathKey());
      },
      onError: report,
    }),
  );
  const date = (iso: string) => formatDateTime(iso, i18n.language);
  const own = defaultRequiredPermission(device.slug);

  return (
    <Paper withBorder radius="md" p="lg">
      <form
        noValidate
        aria-labelledby="device-title"
        onSubmit={form.handleSubmit((patch) => {
          clear();
          setSaved(false);
          update.mutate({ id: device.id, ...patch });
        })}
      >
        <Stack gap="md">
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
          {saved && !form.formState.isDirty && (
            <Alert color="green" variant="light" role="status" withCloseButton onClose={() => setSaved(false)}>
              {t("admin.devices.saved")}
            </Alert>
          )}
          {problem && <ProblemAlert error={problem} />}
          <TextInput label={t("admin.devices.name")} required maxLength={64} error={errorOf("name")} {...form.register("name")} />
          <TextInput
            label={`${t("admin.devices.location")} (${t("common.optional")})`}
            maxLength={128}
            error={errorOf("location")}
            {...form.register("location", { setValueAs: emptyToNull })}
          />
          <TextInput
            label={t("admin.devices.requiredPermission")}
            description={own && t("admin.devices.requiredPermissionOwn", { permission: own })}
            required
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            error={errorOf("required_permission")}
            {...form.register("required_permission", { setValueAs: (value: unknown) => (typeof value === "string" ? value.trim() : value) })}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => form.reset(deviceEditDefaults(device))} disabled={!form.formState.isDirty || update.isPending}>
              {t("admin.groups.discard")}
            </Button>
            <Button type="submit" loading={update.isPending} disabled={!form.formState.isDirty}>
              {t("common.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
