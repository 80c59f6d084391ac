import { zodResolver } from "@hookform/resolvers/zod";
import {
  Anchor,
  Button,
  Divider,
  NativeSelect,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { RegisterInput } from "@kabinet/contracts";

import { AuthCard } from "../components/AuthCard.tsx";
import { LoginAvailability } from "../components/LoginAvailability.tsx";
import { PasswordStrength } from "../components/PasswordStrength.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { emptyToUndefined, emptyToUndefinedNumber } from "../forms/empty-values.ts";
import { useFieldError } from "../forms/use-field-error.ts";
import { useFormProblem } from "../forms/use-form-problem.ts";
import { useSignedIn } from "../session/use-session.ts";
import { useTRPC } from "../trpc.ts";

const fieldNames = [
  "login",
  "email",
  "password",
  "first_name",
  "last_name",
  "patronymic",
  "birthday",
  "phone",
  "class",
] as const;
const classes = Array.from({ length: 11 }, (_, i) => String(i + 1));

export function SignUpPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const form = useForm({
    resolver: zodResolver(RegisterInput),
    defaultValues: { login: "", email: "", password: "", first_name: "", last_name: "" },
  });
  const errorOf = useFieldError(form);
  const { problem, report, clear } = useFormProblem(form.setError, {
    fields: Object.fromEntries(fieldNames.map((name) => [name, name])),
    codes: { login_taken: "login", email_taken: "email" },
  });
  const register = useMutation(
    trpc.auth.register.mutationOptions({ onSuccess: useSignedIn(), onError: report }),
  );
  const [login, email, password, firstName, lastName] = form.watch([
    "login",
    "email",
    "password",
    "first_name",
    "last_name",
  ]);
  const optional = ` (${t("common.optional")})`;

  return (
    <AuthCard title={t("signUp.title")} subtitle={t("signUp.subtitle")} width={620}>
      <form
        noValidate
        aria-label={t("signUp.title")}
        onSubmit={form.handleSubmit((input) => {
          clear();
          register.mutate(input);
        })}
      >
        <Stack gap="md">
          {problem && <ProblemAlert error={problem} />}
          <Divider label={t("signUp.account")} labelPosition="left" />
          <TextInput
            label={t("fields.login")}
            description={<LoginAvailability login={login} />}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            error={errorOf("login")}
            {...form.register("login")}
          />
          <TextInput
            type="email"
            label={t("fields.email")}
            autoComplete="email"
            required
            error={errorOf("email")}
            {...form.register("email")}
          />
          <Stack gap={6}>
            <PasswordInput
              label={t("fields.password")}
              autoComplete="new-password"
              required
              error={errorOf("password")}
              visibilityToggleButtonProps={{ "aria-label": t("common.showPassword") }}
              {...form.register("password")}
            />
            <PasswordStrength
              password={password}
              userInputs={[login, email, firstName, lastName]}
            />
          </Stack>
          <Divider label={t("signUp.person")} labelPosition="left" mt="xs" />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t("fields.first_name")}
              autoComplete="given-name"
              required
              error={errorOf("first_name")}
              {...form.register("first_name")}
            />
            <TextInput
              label={t("fields.last_name")}
              autoComplete="family-name"
              required
              error={errorOf("last_name")}
              {...form.register("last_name")}
            />
            <TextInput
              label={t("fields.patronymic") + optional}
              autoComplete="additional-name"
              error={errorOf("patronymic")}
              {...form.register("patronymic", { setValueAs: emptyToUndefined })}
            />
            <TextInput
              type="date"
              label={t("fields.birthday") + optional}
              autoComplete="bday"
              error={errorOf("birthday")}
              {...form.register("birthday", { setValueAs: emptyToUndefined })}
            />
            <TextInput
              type="tel"
              label={t("fields.phone") + optional}
              autoComplete="tel"
              placeholder="+79991234567"
              error={errorOf("phone")}
              {...form.register("phone", { setValueAs: emptyToUndefined })}
            />
            <NativeSelect
              label={t("fields.class") + optional}
              data={[{ value: "", label: t("signUp.classNone") }, ...classes]}
              error={errorOf("class")}
              {...form.register("class", { setValueAs: emptyToUndefinedNumber })}
            />
          </SimpleGrid>
          <Button type="submit" fullWidth loading={register.isPending} mt="xs">
            {t("signUp.submit")}
          </Button>
          <Text size="sm" ta="center">
            {t("signUp.haveAccount")}{" "}
            <Anchor component={Link} to="/sign-in">
              {t("signUp.signInLink")}
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthCard>
  );
}
