import { zodResolver } from "@hookform/resolvers/zod";
import { TextInput, Title } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { z } from "zod";

import { CreateDeviceInput, type DeviceWithKey } from "@kabinet/contracts";

import { FormActions } from "../../components/FormActions.tsx";
import { FormCard } from "../../components/FormCard.tsx";
import { emptyToUndefined } from "../../forms/empty-values.ts";
import { useFormFields } from "../../forms/use-form-fields.ts";
import { useFormProblem } from "../../forms/use-form-problem.ts";
import { useTRPC } from "../../trpc.ts";
import { useInvalidate } from "../invalidate.ts";
import {
  defaultRequiredPermission,
  DEVICE_SLUG_MAX,
  newDeviceDefaults,
  slugFromName,
} from "./device-form.ts";

export type CreatedDevice = z.infer<typeof DeviceWithKey>;

interface DeviceCreateFormProps {
  onCreated: (created: CreatedDevice) => void;
  onCancel: () => void;
}

export function DeviceCreateForm({ onCreated, onCancel }: DeviceCreateFormProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const form = useForm({
    resolver: zodResolver(CreateDeviceInput),
    defaultValues: newDeviceDefaults(),
  });
  const { bind } = useFormFields(form);
  // The slug follows the name until it is edited by hand.
  const [slugEdited, setSlugEdited] = useState(false);
  const { problem, report, clear } = useFormProblem(form.setError, {
    fields: {
      name: "name",
      slug: "slug",
      location: "location",
      required_permission: "required_permission",
    },
    codes: { device_slug_taken: "slug" },
  });
  const create = useMutation(
    trpc.devices.create.mutationOptions({
      onSuccess: (created) => {
        void invalidate(trpc.devices.pathKey(), trpc.permissions.pathKey(), trpc.logs.pathKey());
        onCreated(created);
      },
      onError: report,
    }),
  );
  const name = bind("name");
  const slug = bind("slug");
  const ownPermission = defaultRequiredPermission(form.watch("slug")) ?? "device:<slug>:use";

  return (
    <FormCard
      labelledBy="device-create-title"
      onSubmit={form.handleSubmit((input) => {
        clear();
        create.mutate(input);
      })}
      header={
        <Title order={2} fz="h3" id="device-create-title">
          {t("admin.devices.createTitle")}
        </Title>
      }
      problem={problem}
    >
      <TextInput
        label={t("admin.devices.name")}
        placeholder={t("admin.devices.namePlaceholder")}
        required
        maxLength={64}
        {...name}
        onChange={(event) => {
          void name.onChange(event);
          if (!slugEdited)
            form.setValue("slug", slugFromName(event.currentTarget.value), {
              shouldValidate: form.formState.isSubmitted,
            });
        }}
      />
      <TextInput
        label={t("admin.devices.slug")}
        description={t("admin.devices.slugHint")}
        placeholder="laser-cutter"
        required
        maxLength={DEVICE_SLUG_MAX}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        {...slug}
        onChange={(event) => {
          setSlugEdited(true);
          void slug.onChange(event);
        }}
      />
      <TextInput
        label={`${t("admin.devices.location")} (${t("common.optional")})`}
        placeholder={t("admin.devices.locationPlaceholder")}
        maxLength={128}
        {...bind("location", { setValueAs: emptyToUndefined })}
      />
      <TextInput
        label={`${t("admin.devices.requiredPermission")} (${t("common.optional")})`}
        description={t("admin.devices.requiredPermissionDefault", { permission: ownPermission })}
        placeholder={ownPermission}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        {...bind("required_permission", {
          setValueAs: (value: unknown) =>
            emptyToUndefined(typeof value === "string" ? value.trim() : value),
        })}
      />
      <FormActions
        onCancel={onCancel}
        pending={create.isPending}
        submitLabel={t("admin.devices.createSubmit")}
      />
    </FormCard>
  );
}
