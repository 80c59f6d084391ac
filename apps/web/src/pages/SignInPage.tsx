import { Anchor, Button, Stack, Text, TextInput } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import type { LoginInput } from "@kabinet/contracts";

import { AuthCard } from "../components/AuthCard.tsx";
import { PasswordField } from "../components/PasswordFields.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { useFormFields } from "../forms/use-form-fields.ts";
import { useFormProblem } from "../forms/use-form-problem.ts";
import { useSignedIn } from "../session/use-session.ts";
import { useTRPC } from "../trpc.ts";
import { signInResolver, type SignInValues } from "./sign-in-form.ts";

export function SignInPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const form = useForm<SignInValues, unknown, LoginInput>({
    resolver: signInResolver,
    defaultValues: { identifier: "", password: "" },
  });
  const { bind } = useFormFields(form);
  const { problem, report, submit } = useFormProblem(form, {
    fields: { login: "identifier", email: "identifier", password: "password" },
  });
  const login = useMutation(
    trpc.auth.login.mutationOptions({ onSuccess: useSignedIn(), onError: report }),
  );

  return (
    <AuthCard title={t("signIn.title")}>
      <form
        noValidate
        aria-label={t("signIn.title")}
        onSubmit={submit((input) => login.mutate(input))}
      >
        <Stack gap="md">
          {problem && <ProblemAlert error={problem} />}
          <TextInput
            label={t("fields.identifier")}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            {...bind("identifier")}
          />
          <PasswordField
            label={t("fields.password")}
            autoComplete="current-password"
            required
            {...bind("password")}
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
