import { zodResolver } from "@hookform/resolvers/zod";
import { SimpleGrid, TextInput } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { z } from "zod";

import { UserPatch, type User } from "@kabinet/contracts";

import {
  LoginFields,
  PersonFields,
  personFields,
  personValues,
} from "../../components/AccountFields.tsx";
import { ClassSelect } from "../../components/ClassSelect.tsx";
import { ProfileFormCard } from "../../components/EditableProfile.tsx";
import { takenCodes } from "../../forms/account-fields.ts";
import { sameNames } from "../../forms/apply-problem.ts";
import { emptyToNull, emptyToNullNumber } from "../../forms/empty-values.ts";
import { useFormFields } from "../../forms/use-form-fields.ts";
import { useFormProblem } from "../../forms/use-form-problem.ts";
import { useTRPC } from "../../trpc.ts";
import { useUserSaved } from "./use-user-saved.ts";

const fieldNames = ["login", "email", ...personFields, "phone", "class", "description"] as const;

function defaultsOf(user: User) {
  return {
    login: user.login,
    email: user.email,
    ...personValues(user),
    phone: user.phone,
    class: user.class,
    description: user.description,
  };
}

/** An administrator's edit of an account: the profile plus login, email and class. */
export function UserEditForm({ user, onDone }: { user: User; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const saved = useUserSaved();
  const form = useForm<z.input<typeof UserPatch>, unknown, z.output<typeof UserPatch>>({
    resolver: zodResolver(UserPatch),
    defaultValues: defaultsOf(user),
  });
  const { bind } = useFormFields(form);
  const { problem, report, submit } = useFormProblem(form, {
    fields: sameNames(fieldNames),
    codes: takenCodes,
  });
  const update = useMutation(
    trpc.users.update.mutationOptions({
      onSuccess: (account) => {
        saved(account);
        onDone(true);
      },
      onError: report,
    }),
  );

  return (
    <ProfileFormCard
      title={t("admin.user.editTitle", { login: user.login })}
      onSubmit={submit((patch) => update.mutate({ id: user.id, ...patch }))}
      problem={problem}
      onDone={onDone}
      pending={update.isPending}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <LoginFields bind={bind} />
        <PersonFields bind={bind} />
        <TextInput
          type="tel"
          label={t("fields.phone")}
          {...bind("phone", { setValueAs: emptyToNull })}
        />
        <ClassSelect
          label={t("fields.class")}
          {...bind("class", { setValueAs: emptyToNullNumber })}
        />
        <TextInput
          label={t("fields.description")}
          {...bind("description", { setValueAs: emptyToNull })}
        />
      </SimpleGrid>
    </ProfileFormCard>
  );
}
