import { zodResolver } from "@hookform/resolvers/zod";
import { Anchor, Button, Divider, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useForm, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { RegisterInput } from "@kabinet/contracts";

import { LoginFields, NameFields } from "../components/AccountFields.tsx";
import { AuthCard } from "../components/AuthCard.tsx";
import { ClassSelect } from "../components/ClassSelect.tsx";
import { LoginAvailability } from "../components/LoginAvailability.tsx";
import { NewPasswordField } from "../components/PasswordFields.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { newAccountFields, passwordAndWords, takenCodes } from "../forms/account-fields.ts";
import { sameNames } from "../forms/apply-problem.ts";
import { emptyToUndefined, emptyToUndefinedNumber } from "../forms/empty-values.ts";
import { useFormFields } from "../forms/use-form-fields.ts";
import { useFormProblem } from "../forms/use-form-problem.ts";
import { useSignedIn } from "../session/use-session.ts";
import { useTRPC } from "../trpc.ts";

const fieldNames = [...newAccountFields, "birthday", "phone"] as const;

export function SignUpPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const form = useForm({
    resolver: zodResolver(RegisterInput),
    defaultValues: { login: "", email: "", password: "", first_name: "", last_name: "" },
  });
  const { bind } = useFormFields(form);
  const { problem, report, submit } = useFormProblem(form, {
    fields: sameNames(fieldNames),
    codes: takenCodes,
  });
  const register = useMutation(
    trpc.auth.register.mutationOptions({ onSuccess: useSignedIn(), onError: report }),
  );
  const [password, ...userInputs] = useWatch({ control: form.control, name: passwordAndWords });
  const [login] = userInputs;
  const optional = ` (${t("common.optional")})`;

  return (
    <AuthCard title={t("signUp.title")} subtitle={t("signUp.subtitle")} width={620}>
      <form
        noValidate
        aria-label={t("signUp.title")}
        onSubmit={submit((input) => register.mutate(input))}
      >
        <Stack gap="md">
          {problem && <ProblemAlert error={problem} />}
          <Divider label={t("signUp.account")} labelPosition="left" />
          <LoginFields bind={bind} whose="own" loginHint={<LoginAvailability login={login} />} />
          <NewPasswordField
            label={t("fields.password")}
            required
            password={password}
            userInputs={userInputs}
            {...bind("password")}
          />
          <Divider label={t("signUp.person")} labelPosition="left" mt="xs" />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NameFields bind={bind} whose="own" />
            <TextInput
              label={t("fields.patronymic") + optional}
              autoComplete="additional-name"
              {...bind("patronymic", { setValueAs: emptyToUndefined })}
            />
            <TextInput
              type="date"
              label={t("fields.birthday") + optional}
              autoComplete="bday"
              {...bind("birthday", { setValueAs: emptyToUndefined })}
            />
            <TextInput
              type="tel"
              label={t("fields.phone") + optional}
              autoComplete="tel"
              placeholder="+79991234567"
              {...bind("phone", { setValueAs: emptyToUndefined })}
            />
            <ClassSelect
              label={t("fields.class") + optional}
              {...bind("class", { setValueAs: emptyToUndefinedNumber })}
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
