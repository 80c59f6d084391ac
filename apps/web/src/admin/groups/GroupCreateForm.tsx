import { zodResolver } from "@hookform/resolvers/zod";
import { Title } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { CreateGroupInput, type Group as GroupData } from "@kabinet/contracts";

import { FormActions } from "../../components/FormActions.tsx";
import { FormCard } from "../../components/FormCard.tsx";
import { useFieldError } from "../../forms/use-field-error.ts";
import { useFormProblem } from "../../forms/use-form-problem.ts";
import { useTRPC } from "../../trpc.ts";
import { useInvalidate } from "../invalidate.ts";
import { GroupFields } from "./GroupFields.tsx";

interface GroupCreateFormProps {
  onCreated: (group: GroupData) => void;
  onCancel: () => void;
}

export function GroupCreateForm({ onCreated, onCancel }: GroupCreateFormProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const form = useForm({
    resolver: zodResolver(CreateGroupInput),
    defaultValues: { name: "", description: null, permissions: [] },
  });
  const errorOf = useFieldError(form);
  const { problem, report, clear } = useFormProblem(form.setError, {
    fields: { name: "name", description: "description", permissions: "permissions" },
    codes: { group_name_taken: "name" },
  });
  const create = useMutation(
    trpc.groups.create.mutationOptions({
      onSuccess: (group) => {
        void invalidate(
          trpc.groups.list.pathKey(),
          trpc.permissions.pathKey(),
          trpc.logs.pathKey(),
        );
        onCreated(group);
      },
      onError: report,
    }),
  );
  return (
    <FormCard
      labelledBy="group-create-title"
      onSubmit={form.handleSubmit((input) => {
        clear();
        create.mutate(input);
      })}
      header={
        <Title order={2} fz="h3" id="group-create-title">
          {t("admin.groups.createTitle")}
        </Title>
      }
      problem={problem}
    >
      <GroupFields register={form.register} control={form.control} errorOf={errorOf} />
      <FormActions
        onCancel={onCancel}
        pending={create.isPending}
        submitLabel={t("admin.groups.createSubmit")}
      />
    </FormCard>
  );
}
