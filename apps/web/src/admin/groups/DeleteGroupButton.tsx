import type { Group } from "@kabinet/contracts";
import { Button } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useTRPC } from "../../trpc.ts";
import { ConfirmModal } from "../components/ConfirmModal.tsx";
import { useInvalidate } from "../invalidate.ts";

export function DeleteGroupButton({ group }: { group: Group }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation(
    trpc.groups.remove.mutationOptions({
      onSuccess: async () => {
        setConfirming(false);
        await navigate("/admin/groups");
        void invalidate(trpc.groups.pathKey(), trpc.permissions.pathKey(), trpc.users.pathKey(), trpc.me.get.queryKey(), trpc.logs.pathKey());
      },
    }),
  );
  return (
    <>
      <Button
        color="red"
        variant="subtle"
        size="xs"
        onClick={() => {
          remove.reset();
          setConfirming(true);
        }}
      >
        {t("admin.groups.remove")}
      </Button>
      <ConfirmModal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t("admin.groups.removeTitle", { name: group.name })}
        text={t("admin.groups.removeText", { members: group.member_count })}
        confirmLabel={t("admin.groups.remove")}
        onConfirm={() => remove.mutate({ id: group.id })}
        loading={remove.isPending}
        error={remove.error}
      />
    </>
  );
}
