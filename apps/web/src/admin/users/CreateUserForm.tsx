import { zodResolver } from "@hookform/resolvers/zod";
import { NativeSelect, PasswordInput, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { CreateUserInput } from "@kabinet/contracts";

import { FormActions } from "../../components/FormActions.tsx";
import { PasswordStrength } from "../../components/PasswordStrength.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { useSignedInUser } from "../../components/SignedInArea.tsx";
import { emptyToUndefined, emptyToUndefinedNumber } from "../../forms/empty-values.ts";
import { useFormFields } from "../../forms/use-form-fields.ts";
import { useFormProblem } from "../../forms/use-form-problem.ts";
import { useTRPC } from "../../trpc.ts";
import { assignableRoles } from "../access.ts";
import { useInvalidate } from "../invalidate.ts";
import type { CreatedUser } from "./CreatedUserResult.tsx";

const fieldNames = [
  "login",
  "email",
  "password",
  "first_name",
  "last_name",
  "patronymic",
  "class",
  "role",
] as const;
const classes = Array.from({ length: 11 }, (_, i) => String(i + 1));

export function CreateUserForm({
  onCreated,
  onCancel,
}: {
  onCreated: (created: CreatedUser) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useSignedInUser();
  const invalidate = useInvalidate();
  const roles = assignableRoles(me.role);
  const form = useForm({
    resolver: zodResolver(CreateUserInput),
    defaultValues: { login: "", email: "", first_name: "", last_name: "", role: "user" as const },
  });
  const { bind } = useFormFields(form);
  const { problem, report, clear } = useFormProblem(form.setError, {
    fields: Object.fromEntries(fieldNames.map((name) => [name, name])),
    codes: { login_taken: "login", email_taken: "email" },
  });
  const create = useMutation(
    trpc.users.create.mutationOptions({
      onSuccess: (created) => {
        void invalidate(trpc.users.pathKey(), trpc.logs.pathKey());
        onCreated(created);
      },
      onError: report,
    }),
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
    <form
      noValidate
      aria-label={t("admin.users.createTitle")}
      onSubmit={form.handleSubmit((input) => {
        clear();
        create.mutate(input);
      })}
    >
      <Stack gap="md">
        {problem && <ProblemAlert error={problem} />}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t("fields.login")}
            description={t("signUp.loginHint")}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            required
            {...bind("login")}
          />
          <TextInput
            type="email"
            label={t("fields.email")}
            autoComplete="off"
            required
            {...bind("email")}
          />
          <TextInput label={t("fields.first_name")} required {...bind("first_name")} />
          <TextInput label={t("fields.last_name")} required {...bind("last_name")} />
          <TextInput
            label={t("fields.patronymic") + optional}
            {...bind("patronymic", { setValueAs: emptyToUndefined })}
          />
          <NativeSelect
            label={t("fields.class") + optional}
            data={[{ value: "", label: t("signUp.classNone") }, ...classes]}
            {...bind("class", { setValueAs: emptyToUndefinedNumber })}
          />
          <NativeSelect
            label={t("profile.role")}
            data={roles.map((role) => ({ value: role, label: t(`profile.roles.${role}`) }))}
            {...bind("role")}
          />
          <Stack gap={6}>
            <PasswordInput
              label={t("fields.password") + optional}
              description={t("admin.users.passwordHint")}
              autoComplete="new-password"
              visibilityToggleButtonProps={{ "aria-label": t("common.showPassword") }}
              {...bind("password", { setValueAs: emptyToUndefined })}
            />
            <PasswordStrength
              password={password ?? ""}
              userInputs={[login, email, firstName, lastName]}
            />
          </Stack>
        </SimpleGrid>
        <FormActions
          onCancel={onCancel}
          pending={create.isPending}
          submitLabel={t("admin.users.createSubmit")}
        />
      </Stack>
    </form>
  );
}
