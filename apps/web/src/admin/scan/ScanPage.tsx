import { zodResolver } from "@hookform/resolvers/zod";
import { Button, Group, Paper, Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";

import { QR_SYMBOL_MAX, type Resolution } from "@kabinet/contracts";

import { PageHeader } from "../../components/PageHeader.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { useSignedInUser } from "../../components/SignedInArea.tsx";
import { useFieldError } from "../../forms/use-field-error.ts";
import { useFormProblem } from "../../forms/use-form-problem.ts";
import { useTRPC } from "../../trpc.ts";
import { hasPermission } from "../access.ts";
import { useInvalidate } from "../invalidate.ts";
import { isScanRefusal, toResolveInput, type ScanFormValues } from "./scan-form.ts";
import { ScanRefusal, ScanResolution } from "./ScanResult.tsx";

const ScanForm = z.object({ code: z.string().max(QR_SYMBOL_MAX), device: z.string().nullable() });

type Outcome = { resolution: Resolution; at: string };

/** Devices to test against; one page of them is plenty for a select. */
function useDeviceOptions() {
  const trpc = useTRPC();
  const devices = useQuery(trpc.devices.list.queryOptions({ limit: 100 }));
  const options =
    devices.data?.items.map((device) => ({
      value: String(device.id),
      label: `${device.name} (${device.slug})`,
    })) ?? [];
  return { options, devices };
}

/** Resolves a code the way a terminal would, to check a member's code and a device's permission. */
export function ScanPage() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const linkUser = hasPermission(useSignedInUser(), "users:read");
  const { options, devices } = useDeviceOptions();
  const form = useForm<ScanFormValues>({
    resolver: zodResolver(ScanForm),
    defaultValues: { code: "", device: null },
  });
  const errorOf = useFieldError(form);
  const { problem, report, submit } = useFormProblem(form, {
    fields: { code: "code", device_id: "device" },
  });
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [refusedAt, setRefusedAt] = useState("");
  const now = () =>
    new Intl.DateTimeFormat(i18n.language, { timeStyle: "medium" }).format(new Date());
  const resolve = useMutation(
    trpc.qr.resolve.mutationOptions({
      onSuccess: (resolution) => setOutcome({ resolution, at: now() }),
      onError: (error) => {
        setRefusedAt(now());
        report(error);
      },
      // Every scan is written to the audit log, allowed or not.
      onSettled: () => void invalidate(trpc.logs.pathKey()),
    }),
  );

  return (
    <Stack gap="md" maw={760}>
      <PageHeader title={t("admin.scan.title")} hint={t("admin.scan.intro")} />
      <Paper withBorder radius="md" p="lg">
        <form
          noValidate
          aria-label={t("admin.scan.title")}
          onSubmit={submit((values) => {
            setOutcome(null);
            resolve.mutate(toResolveInput(values));
          })}
        >
          <Stack gap="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <TextInput
                label={t("admin.scan.code")}
                description={t("admin.scan.codeHint")}
                placeholder="m3QkZ8rT1vXc5yLp9wN2bA"
                autoComplete="off"
                autoCapitalize="none"
                autoCorrect="off"
                spellCheck={false}
                maxLength={QR_SYMBOL_MAX}
                styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
                error={errorOf("code")}
                {...form.register("code")}
              />
              <Controller
                control={form.control}
                name="device"
                render={({ field }) => (
                  <Select
                    ref={field.ref}
                    name={field.name}
                    value={field.value}
                    onChange={field.onChange}
                    onBlur={field.onBlur}
                    data={options}
                    label={`${t("admin.scan.device")} (${t("common.optional")})`}
                    description={t("admin.scan.deviceHint")}
                    placeholder={t(devices.isPending ? "common.loading" : "admin.scan.noDevice")}
                    nothingFoundMessage={t("admin.devices.empty")}
                    searchable
                    clearable
                    clearButtonProps={{ "aria-label": t("admin.scan.clearDevice") }}
                    error={devices.isError ? t("admin.scan.devicesFailed") : errorOf("device")}
                  />
                )}
              />
            </SimpleGrid>
            <Group justify="flex-end">
              <Button type="submit" loading={resolve.isPending}>
                {t("admin.scan.submit")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      {outcome && (
        <ScanResolution resolution={outcome.resolution} at={outcome.at} linkUser={linkUser} />
      )}
      {problem &&
        (isScanRefusal(problem.code) ? (
          <ScanRefusal problem={problem} at={refusedAt} />
        ) : (
          <ProblemAlert error={problem} />
        ))}
    </Stack>
  );
}
