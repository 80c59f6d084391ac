import type { LoginInput } from "@kabinet/contracts";
import { Anchor, Button, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { AuthCard } from "../components/AuthCard.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { applyProblem } from "../forms/apply-problem.ts";
import { useFieldError } from "../forms/use-field-error.ts";
import { problemOf, type ProblemInfo } from "../problems.ts";
import { startSession } from "../session/session.ts";
import { useTRPC } from "../trpc.ts";
import { signInResolver, type SignInValues } from "./sign-in-form.ts";

export function SignInPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<ProblemInfo | null>(null);
  const form = useForm<SignInValues, unknown, LoginInput>({
    resolver: signInResolver,
    defaultValues: { identifier: "", password: "" },
  });
  const errorOf = useFieldError(form);
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: ({ user, token }) => {
        queryClient.setQueryData(trpc.me.get.queryKey({}), user);
        startSession(token);
      },
      onError: (error) => {
        const found = problemOf(error);
        const placed = applyProblem(found, form.setError, {
          fields: { login: "identifier", email: "identifier", password: "password" },
        });
        setProblem(placed ? null : found);
      },
    }),
  );

  return (
    <AuthCard title={t("signIn.title")}>
      <form
        noValidate
        aria-label={t("signIn.title")}
        onSubmit={form.handleSubmit((input) => {
          setProblem(null);
          login.mutate(input);
        })}
      >
        <Stack gap="md">
          {problem && <ProblemAlert error={problem} />}
          <TextInput
            label={t("fields.identifier")}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            error={errorOf("identifier")}
            {...form.register("identifier")}
          />
          <PasswordInput
            label={t("fields.password")}
            autoComplete="current-password"
            required
            error={errorOf("password")}
            visibilityToggleButtonProps={{ "aria-label": t("common.showPassword") }}
            {...form.register("password")}
          />
          <Button type="submit" fullWidth loading={login.isPending}>
            {t("signIn.submit")}
          </Button>
          <Text size="sm" ta="center">
            {t("signIn.noAccount")}{" "}
            <Anchor component={Link} to="/sign-up">
              {t("signIn.signUpLink")}
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthCard>
  );
}
