import { zodResolver } from "@hookform/resolvers/zod";
import { TextInput } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { z } from "zod";

import { CreateDeviceInput, type DeviceWithKey } from "@kabinet/contracts";

import { FormActions } from "../../components/FormActions.tsx";
import { FormCard } from "../../components/FormCard.tsx";
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
import { DeviceFields, deviceProblems } from "./DeviceFields.tsx";

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
  const { problem, report, submit } = useFormProblem(form, {
    fields: { ...deviceProblems.fields, slug: "slug" },
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
  const slug = bind("slug");
  const ownPermission = defaultRequiredPermission(
    useWatch({ control: form.control, name: "slug" }),
  );

  return (
    <FormCard
      title={t("admin.devices.createTitle")}
      level={2}
      onSubmit={submit((input) => create.mutate(input))}
      problem={problem}
    >
      <DeviceFields
        bind={bind}
        ownPermission={ownPermission}
        registering={{
          onNameChange: (name) => {
            if (slugEdited) return;
            form.setValue("slug", slugFromName(name), {
              shouldValidate: form.formState.isSubmitted,
            });
          },
          slug: (
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
          ),
        }}
      />
      <FormActions
        onCancel={onCancel}
        pending={create.isPending}
        submitLabel={t("admin.devices.createSubmit")}
      />
    </FormCard>
  );
}
