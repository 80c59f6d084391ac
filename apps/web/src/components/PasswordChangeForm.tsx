import { zodResolver } from "@hookform/resolvers/zod";
import { Alert, Button, Checkbox } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { PasswordChangeInput, type User } from "@kabinet/contracts";

import { useFormFields } from "../forms/use-form-fields.ts";
import { useFormProblem } from "../forms/use-form-problem.ts";
import { useTRPC } from "../trpc.ts";
import { FormCard } from "./FormCard.tsx";
import { NewPasswordField, PasswordField } from "./PasswordFields.tsx";

export function PasswordChangeForm({ user }: { user: User }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [done, setDone] = useState<"changed" | "changedOthersEnded" | null>(null);
  const form = useForm({
    resolver: zodResolver(PasswordChangeInput),
    defaultValues: { password: "", new_password: "", end_other_sessions: false },
  });
  const { bind } = useFormFields(form);
  const { problem, report, submit } = useFormProblem(form, {
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
  const newPassword = useWatch({ control: form.control, name: "new_password" });

  return (
    <FormCard
      title={t("password.title")}
      level={2}
      onSubmit={submit((input) => {
        setDone(null);
        change.mutate(input);
      })}
      notice={
        done && (
          <Alert color="green" variant="light" role="status">
            {t(`password.${done}`)}
          </Alert>
        )
      }
      problem={problem}
    >
      <PasswordField
        label={t("fields.current_password")}
        autoComplete="current-password"
        required
        {...bind("password")}
      />
      <NewPasswordField
        label={t("fields.new_password")}
        required
        password={newPassword}
        userInputs={[user.login, user.email, user.first_name, user.last_name]}
        {...bind("new_password")}
      />
      <Checkbox label={t("password.endOtherSessions")} {...form.register("end_other_sessions")} />
      <Button type="submit" loading={change.isPending} style={{ alignSelf: "flex-start" }}>
        {t("password.submit")}
      </Button>
    </FormCard>
  );
}
