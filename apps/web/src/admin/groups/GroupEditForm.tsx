import { zodResolver } from "@hookform/resolvers/zod";
import { Group, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { GroupPatch, type Group as GroupData } from "@kabinet/contracts";

import { EditFormCard } from "../../components/EditFormCard.tsx";
import { formatDateTime } from "../../format/dates.ts";
import { useFieldError } from "../../forms/use-field-error.ts";
import { useFormProblem } from "../../forms/use-form-problem.ts";
import { useTRPC } from "../../trpc.ts";
import { useInvalidate } from "../invalidate.ts";
import { DeleteGroupButton } from "./DeleteGroupButton.tsx";
import { GroupFields, groupProblems } from "./GroupFields.tsx";

const defaultsOf = (group: GroupData) => ({
  name: group.name,
  description: group.description,
  permissions: group.permissions,
});

export function GroupEditForm({ group }: { group: GroupData }) {
  const { t, i18n } = useTranslation();
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
      header={
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Title order={1} fz="h2" id="group-title" data-testid="group-name">
              {group.name}
            </Title>
            <Text size="sm" c="dimmed">
              {t("admin.groups.createdAt", {
                date: formatDateTime(group.created_at, i18n.language),
              })}
            </Text>
          </Stack>
          <DeleteGroupButton group={group} />
        </Group>
      }
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
