import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";

import type { Group } from "@kabinet/contracts";

import { useTRPC } from "../../trpc.ts";
import { ConfirmedAction } from "../components/ConfirmedAction.tsx";
import { useInvalidate } from "../invalidate.ts";

export function DeleteGroupButton({ group }: { group: Group }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const remove = useMutation(
    trpc.groups.remove.mutationOptions({
      onSuccess: async () => {
        await navigate("/admin/groups");
        void invalidate(
          trpc.groups.pathKey(),
          trpc.permissions.pathKey(),
          trpc.users.pathKey(),
          trpc.me.get.queryKey(),
          trpc.logs.pathKey(),
        );
      },
    }),
  );
  return (
    <ConfirmedAction
      label={t("admin.groups.remove")}
      title={t("admin.groups.removeTitle", { name: group.name })}
      text={t("admin.groups.removeText", { members: group.member_count })}
      mutation={remove}
      variables={{ id: group.id }}
      color="red"
      variant="subtle"
      size="xs"
    />
  );
}
