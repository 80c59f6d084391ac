import { zodResolver } from "@hookform/resolvers/zod";
import { Alert, Button, Checkbox, Paper, PasswordInput, Stack, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { PasswordChangeInput, type User } from "@kabinet/contracts";

import { useFieldError } from "../forms/use-field-error.ts";
import { useFormProblem } from "../forms/use-form-problem.ts";
import { useTRPC } from "../trpc.ts";
import { PasswordStrength } from "./PasswordStrength.tsx";
import { ProblemAlert } from "./ProblemAlert.tsx";

export function PasswordChangeForm({ user }: { user: User }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [done, setDone] = useState<"changed" | "changedOthersEnded" | null>(null);
  const form = useForm({
    resolver: zodResolver(PasswordChangeInput),
    defaultValues: { password: "", new_password: "", end_other_sessions: false },
  });
  const errorOf = useFieldError(form);
  const { problem, report, clear } = useFormProblem(form.setError, {
    fields: { password: "password", new_password: "new_password" },
    codes: { wrong_password: "password" },
  });
  const change = useMutation(
    trpc.me.changePassword.mutationOptions({
      onSuccess: (_ok, input) => {
        setDone(input.end_other_sessions ? "changedOthersEnded" : "changed");
        form.reset();
        void queryClient.invalidateQueries({ queryKey: trpc.me.get.queryKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.me.sessions.queryKey() });
      },
      onError: report,
    }),
  );
  const onSubmit = form.handleSubmit((input) => {
    clear();
    setDone(null);
    change.mutate(input);
  });
  const newPassword = form.watch("new_password");

  return (
    <Paper withBorder radius="md" p="lg">
      <form onSubmit={onSubmit} noValidate aria-labelledby="password-change-title">
        <Stack gap="md">
          <Title order={2} fz="h3" id="password-change-title">
            {t("password.title")}
          </Title>
          {done && (
            <Alert color="green" variant="light" role="status">
              {t(`password.${done}`)}
            </Alert>
          )}
          {problem && <ProblemAlert error={problem} />}
          <PasswordInput
            label={t("fields.current_password")}
            autoComplete="current-password"
            required
            error={errorOf("password")}
            visibilityToggleButtonProps={{ "aria-label": t("common.showPassword") }}
            {...form.register("password")}
          />
          <Stack gap={6}>
            <PasswordInput
              label={t("fields.new_password")}
              autoComplete="new-password"
              required
              error={errorOf("new_password")}
              visibilityToggleButtonProps={{ "aria-label": t("common.showPassword") }}
              {...form.register("new_password")}
            />
            <PasswordStrength
              password={newPassword}
              userInputs={[user.login, user.email, user.first_name, user.last_name]}
            />
          </Stack>
          <Checkbox
            label={t("password.endOtherSessions")}
            {...form.register("end_other_sessions")}
          />
          <Button type="submit" loading={change.isPending} style={{ alignSelf: "flex-start" }}>
            {t("password.submit")}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
