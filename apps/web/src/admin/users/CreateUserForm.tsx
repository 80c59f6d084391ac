import { zodResolver } from "@hookform/resolvers/zod";
import { NativeSelect, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useForm, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { CreateUserInput } from "@kabinet/contracts";

import { LoginFields, NameFields } from "../../components/AccountFields.tsx";
import { ClassSelect } from "../../components/ClassSelect.tsx";
import { FormActions } from "../../components/FormActions.tsx";
import { NewPasswordField } from "../../components/PasswordFields.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { useSignedInUser } from "../../components/SignedInArea.tsx";
import { newAccountFields, passwordAndWords, takenCodes } from "../../forms/account-fields.ts";
import { sameNames } from "../../forms/apply-problem.ts";
import { emptyToUndefined, emptyToUndefinedNumber } from "../../forms/empty-values.ts";
import { useFormFields } from "../../forms/use-form-fields.ts";
import { useFormProblem } from "../../forms/use-form-problem.ts";
import { useTRPC } from "../../trpc.ts";
import { assignableRoles } from "../access.ts";
import { useInvalidate } from "../invalidate.ts";
import type { CreatedUser } from "./CreatedUserResult.tsx";

const fieldNames = [...newAccountFields, "role"] as const;

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
  const { problem, report, submit } = useFormProblem(form, {
    fields: sameNames(fieldNames),
    codes: takenCodes,
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
  const [password, ...userInputs] = useWatch({ control: form.control, name: passwordAndWords });
  const optional = ` (${t("common.optional")})`;

  return (
    <form
      noValidate
      aria-label={t("admin.users.createTitle")}
      onSubmit={submit((input) => create.mutate(input))}
    >
      <Stack gap="md">
        {problem && <ProblemAlert error={problem} />}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <LoginFields bind={bind} whose="other" loginHint={t("signUp.loginHint")} />
          <NameFields bind={bind} whose="other" />
          <TextInput
            label={t("fields.patronymic") + optional}
            {...bind("patronymic", { setValueAs: emptyToUndefined })}
          />
          <ClassSelect
            label={t("fields.class") + optional}
            {...bind("class", { setValueAs: emptyToUndefinedNumber })}
          />
          <NativeSelect
            label={t("profile.role")}
            data={roles.map((role) => ({ value: role, label: t(`profile.roles.${role}`) }))}
            {...bind("role")}
          />
          <NewPasswordField
            label={t("fields.password") + optional}
            description={t("admin.users.passwordHint")}
            password={password ?? ""}
            userInputs={userInputs}
            {...bind("password", { setValueAs: emptyToUndefined })}
          />
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
