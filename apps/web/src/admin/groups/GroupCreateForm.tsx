import { zodResolver } from "@hookform/resolvers/zod";
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
import { GroupFields, groupProblems } from "./GroupFields.tsx";

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
  const { problem, report, submit } = useFormProblem(form, groupProblems);
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
      title={t("admin.groups.createTitle")}
      level={2}
      onSubmit={submit((input) => create.mutate(input))}
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
