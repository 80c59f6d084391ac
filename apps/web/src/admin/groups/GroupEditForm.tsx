import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { GroupPatch, type Group as GroupData } from "@kabinet/contracts";

import { EditFormCard } from "../../components/EditFormCard.tsx";
import { useFieldError } from "../../forms/use-field-error.ts";
import { useFormProblem } from "../../forms/use-form-problem.ts";
import { useTRPC } from "../../trpc.ts";
import { useInvalidate } from "../invalidate.ts";
import { DeleteGroupButton } from "./DeleteGroupButton.tsx";
import { GroupFields, groupProblems } from "./GroupFields.tsx";
import { GroupHeading } from "./GroupHeading.tsx";

const defaultsOf = (group: GroupData) => ({
  name: group.name,
  description: group.description,
  permissions: group.permissions,
});

export function GroupEditForm({ group }: { group: GroupData }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  const [saved, setSaved] = useState(false);
  const form = useForm({ resolver: zodResolver(GroupPatch), defaultValues: defaultsOf(group) });
  const errorOf = useFieldError(form);
  const { problem, report, submit } = useFormProblem(form, groupProblems);
  const update = useMutation(
    trpc.groups.update.mutationOptions({
      onSuccess: (next) => {
        queryClient.setQueryData(trpc.groups.get.queryKey({ id: next.id }), next);
        form.reset(defaultsOf(next));
        setSaved(true);
        // Members' effective permissions change with the group's.
        void invalidate(
          trpc.groups.list.pathKey(),
          trpc.permissions.pathKey(),
          trpc.users.pathKey(),
          trpc.me.get.queryKey(),
          trpc.logs.pathKey(),
        );
      },
      onError: report,
    }),
  );

  return (
    <EditFormCard
      labelledBy="group-title"
      header={<GroupHeading group={group} actions={<DeleteGroupButton group={group} />} />}
      onSubmit={submit((patch) => {
        setSaved(false);
        update.mutate({ id: group.id, ...patch });
      })}
      problem={problem}
      form={form}
      saved={saved}
      onSavedClose={() => setSaved(false)}
      savedText={t("admin.groups.saved")}
      pending={update.isPending}
    >
      <GroupFields register={form.register} control={form.control} errorOf={errorOf} />
    </EditFormCard>
  );
}
