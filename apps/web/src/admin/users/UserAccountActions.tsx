import { Button, Group, Stack } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";

import type { User } from "@kabinet/contracts";

import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { SectionCard } from "../../components/SectionCard.tsx";
import { useTRPC } from "../../trpc.ts";
import { ConfirmedAction } from "../components/ConfirmedAction.tsx";
import { SecretReveal } from "../components/SecretReveal.tsx";
import { useInvalidate } from "../invalidate.ts";
import { useUserSaved } from "./use-user-saved.ts";

function BlockButton({ user }: { user: User }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const saved = useUserSaved();
  const setState = useMutation(trpc.users.setState.mutationOptions({ onSuccess: saved }));
  const blocked = user.state === "blocked";
  return (
    <Stack gap="xs">
      <Button
        variant="light"
        color={blocked ? "green" : "orange"}
        loading={setState.isPending}
        onClick={() => setState.mutate({ id: user.id, state: blocked ? "activated" : "blocked" })}
      >
        {t(blocked ? "admin.user.unblock" : "admin.user.block")}
      </Button>
      {setState.isError && <ProblemAlert error={setState.error} />}
    </Stack>
  );
}

function ResetPasswordButton({
  user,
  onReset,
}: {
  user: User;
  onReset: (password: string) => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const reset = useMutation(
    trpc.users.resetPassword.mutationOptions({
      onSuccess: ({ new_password }) => {
        onReset(new_password);
        void invalidate(trpc.logs.pathKey());
      },
    }),
  );
  return (
    <ConfirmedAction
      label={t("admin.user.resetPassword")}
      title={t("admin.user.resetTitle", { login: user.login })}
      text={t("admin.user.resetText")}
      mutation={reset}
      variables={{ id: user.id }}
      variant="light"
    />
  );
}

function RemoveButton({ user }: { user: User }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const remove = useMutation(
    trpc.users.remove.mutationOptions({
      onSuccess: async () => {
        await navigate("/admin/users");
        void invalidate(trpc.users.pathKey(), trpc.groups.pathKey(), trpc.logs.pathKey());
      },
    }),
  );
  return (
    <ConfirmedAction
      label={t("admin.user.remove")}
      title={t("admin.user.removeTitle", { login: user.login })}
      text={t("admin.user.removeText")}
      mutation={remove}
      variables={{ id: user.id }}
      color="red"
      variant="light"
    />
  );
}

/** Block, reset the password, delete: shown only to those who outrank the account. */
/** `mayReset`: the caller holds everything the account holds (the server's take-over rule). */
export function UserAccountActions({ user, mayReset }: { user: User; mayReset: boolean }) {
  const { t } = useTranslation();
  // Kept only while this page is open: the API never shows it again.
  const [newPassword, setNewPassword] = useState<string | null>(null);
  return (
    <SectionCard
      titleId="actions-title"
      title={t("admin.user.actions")}
      hint={t("admin.user.actionsHint")}
    >
      <Group gap="sm" align="flex-start">
        <BlockButton user={user} />
        {mayReset && <ResetPasswordButton user={user} onReset={setNewPassword} />}
        <RemoveButton user={user} />
      </Group>
      {newPassword && (
        <SecretReveal
          title={t("admin.user.newPassword")}
          secret={newPassword}
          hint={t("admin.users.oneTimePasswordHint")}
        />
      )}
    </SectionCard>
  );
}
