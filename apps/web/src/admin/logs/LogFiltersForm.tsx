import { zodResolver } from "@hookform/resolvers/zod";
import {
  Autocomplete,
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  TextInput,
} from "@mantine/core";
import { Controller, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { LogFilter, SortOrder } from "@kabinet/contracts";

import { emptyToUndefinedNumber } from "../../forms/empty-values.ts";
import { useFieldError } from "../../forms/use-field-error.ts";
import { knownLogActions } from "./known-actions.ts";
import { defaultLogFilter, localDateTimeToIso } from "./log-filters.ts";

const idFields = ["user_id", "actor_id", "group_id", "device_id"] as const;

/** The filters of the log, validated with the API's own schema before they are applied. */
export function LogFiltersForm({
  initial = defaultLogFilter,
  onApply,
}: {
  initial?: LogFilter;
  onApply: (filter: LogFilter) => void;
}) {
  const { t } = useTranslation();
  const form = useForm({ resolver: zodResolver(LogFilter), defaultValues: initial });
  const errorOf = useFieldError(form);
  return (
    <Paper withBorder radius="md" p="md">
      <form noValidate aria-label={t("admin.logs.filters")} onSubmit={form.handleSubmit(onApply)}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, xs: 2, sm: 4 }} spacing="sm">
            {idFields.map((name) => (
              <TextInput
                key={name}
                label={t(`admin.logs.fields.${name}`)}
                inputMode="numeric"
                autoComplete="off"
                error={errorOf(name)}
                {...form.register(name, { setValueAs: emptyToUndefinedNumber })}
              />
            ))}
            <Controller
              control={form.control}
              name="action"
              render={({ field }) => (
                <Autocomplete
                  ref={field.ref}
                  name={field.name}
                  label={t("admin.logs.fields.action")}
                  placeholder="user.created"
                  data={knownLogActions}
                  value={field.value ?? ""}
                  onChange={(value) =>
                    field.onChange(value.trim() === "" ? undefined : value.trim())
                  }
                  onBlur={field.onBlur}
                  autoComplete="off"
                  spellCheck={false}
                  error={errorOf("action")}
                />
              )}
            />
            <TextInput
              type="datetime-local"
              label={t("admin.logs.fields.from")}
              error={errorOf("from")}
              {...form.register("from", { setValueAs: localDateTimeToIso })}
            />
            <TextInput
              type="datetime-local"
              label={t("admin.logs.fields.to")}
              error={errorOf("to")}
              {...form.register("to", { setValueAs: localDateTimeToIso })}
            />
            <NativeSelect
              label={t("admin.order.label")}
              data={SortOrder.options.map((order) => ({
                value: order,
                label: t(`admin.logs.order.${order}`),
              }))}
              {...form.register("order")}
            />
          </SimpleGrid>
          <Group justify="flex-end" gap="sm">
            <Button
              variant="default"
              onClick={() => {
                form.reset(defaultLogFilter);
                onApply(defaultLogFilter);
              }}
            >
              {t("admin.logs.reset")}
            </Button>
            <Button type="submit">{t("admin.logs.apply")}</Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
