import { zodResolver } from "@hookform/resolvers/zod";
import { NativeSelect, SimpleGrid, TextInput, Title } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { z } from "zod";

import { UserPatch, type User } from "@kabinet/contracts";

import { FormActions } from "../../components/FormActions.tsx";
import { FormCard } from "../../components/FormCard.tsx";
import { emptyToNull, emptyToNullNumber } from "../../forms/empty-values.ts";
import { useFormFields } from "../../forms/use-form-fields.ts";
import { useFormProblem } from "../../forms/use-form-problem.ts";
import { useTRPC } from "../../trpc.ts";
import { useUserSaved } from "./use-user-saved.ts";

const fieldNames = [
  "login",
  "email",
  "first_name",
  "last_name",
  "patronymic",
  "display_name",
  "birthday",
  "phone",
  "class",
  "description",
] as const;
const classes = Array.from({ length: 11 }, (_, i) => String(i + 1));

function defaultsOf(user: User) {
  return {
    login: user.login,
    email: user.email,
    first_name: user.first_name,
    last_name: user.last_name,
    patronymic: user.patronymic,
    display_name: user.display_name,
    birthday: user.birthday,
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
  const { problem, report, clear } = useFormProblem(form.setError, {
    fields: Object.fromEntries(fieldNames.map((name) => [name, name])),
    codes: { login_taken: "login", email_taken: "email" },
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
    <FormCard
      labelledBy="user-edit-title"
      onSubmit={form.handleSubmit((patch) => {
        clear();
        update.mutate({ id: user.id, ...patch });
      })}
      header={
        <Title order={1} fz="h2" id="user-edit-title">
          {t("admin.user.editTitle", { login: user.login })}
        </Title>
      }
      problem={problem}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t("fields.login")}
          required
          autoCapitalize="none"
          spellCheck={false}
          {...bind("login")}
        />
        <TextInput type="email" label={t("fields.email")} required {...bind("email")} />
        <TextInput label={t("fields.first_name")} required {...bind("first_name")} />
        <TextInput label={t("fields.last_name")} required {...bind("last_name")} />
        <TextInput
          label={t("fields.patronymic")}
          {...bind("patronymic", { setValueAs: emptyToNull })}
        />
        <TextInput
          label={t("fields.display_name")}
          {...bind("display_name", { setValueAs: emptyToNull })}
        />
        <TextInput
          type="date"
          label={t("fields.birthday")}
          {...bind("birthday", { setValueAs: emptyToNull })}
        />
        <TextInput
          type="tel"
          label={t("fields.phone")}
          {...bind("phone", { setValueAs: emptyToNull })}
        />
        <NativeSelect
          label={t("fields.class")}
          data={[{ value: "", label: t("signUp.classNone") }, ...classes]}
          {...bind("class", { setValueAs: emptyToNullNumber })}
        />
        <TextInput
          label={t("fields.description")}
          {...bind("description", { setValueAs: emptyToNull })}
        />
      </SimpleGrid>
      <FormActions onCancel={() => onDone(false)} pending={update.isPending} />
    </FormCard>
  );
}
