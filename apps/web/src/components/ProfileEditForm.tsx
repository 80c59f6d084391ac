import { zodResolver } from "@hookform/resolvers/zod";
import { ColorInput, Divider, SimpleGrid, Textarea, TextInput, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Controller, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { ProfilePatch, type User } from "@kabinet/contracts";

import { emptyToNull } from "../forms/empty-values.ts";
import { useFormFields } from "../forms/use-form-fields.ts";
import { useFormProblem } from "../forms/use-form-problem.ts";
import { useTRPC } from "../trpc.ts";
import { FormActions } from "./FormActions.tsx";
import { FormCard } from "./FormCard.tsx";

/** Every field of the form, named as the API names them in field errors. */
const patchFields = [
  "first_name",
  "last_name",
  "patronymic",
  "display_name",
  "birthday",
  "phone",
  "description",
  "bio",
  "background_color",
  "contacts.email",
  "contacts.phone",
  "contacts.telegram",
  "contacts.viber",
] as const;
type PatchField = (typeof patchFields)[number];
const serverFields = Object.fromEntries(patchFields.map((name) => [name, name])) as Record<
  PatchField,
  PatchField
>;

function defaultsOf(user: User) {
  return {
    first_name: user.first_name,
    last_name: user.last_name,
    patronymic: user.patronymic,
    display_name: user.display_name,
    birthday: user.birthday,
    phone: user.phone,
    description: user.description,
    bio: user.bio,
    background_color: user.background_color,
    contacts: { ...user.contacts },
  };
}

export function ProfileEditForm({
  user,
  onDone,
}: {
  user: User;
  onDone: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm({ resolver: zodResolver(ProfilePatch), defaultValues: defaultsOf(user) });
  const { bind, errorOf } = useFormFields(form);
  const { problem, report, clear } = useFormProblem(form.setError, { fields: serverFields });
  const update = useMutation(
    trpc.me.update.mutationOptions({
      onSuccess: (saved) => {
        queryClient.setQueryData(trpc.me.get.queryKey({}), saved);
        onDone(true);
      },
      onError: report,
    }),
  );

  return (
    <FormCard
      labelledBy="profile-edit-title"
      onSubmit={form.handleSubmit((patch) => {
        clear();
        update.mutate(patch);
      })}
      header={
        <Title order={1} fz="h2" id="profile-edit-title">
          {t("profile.editTitle")}
        </Title>
      }
      problem={problem}
    >
      <Divider label={t("profile.personal")} labelPosition="left" />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t("fields.first_name")}
          required
          autoComplete="given-name"
          {...bind("first_name")}
        />
        <TextInput
          label={t("fields.last_name")}
          required
          autoComplete="family-name"
          {...bind("last_name")}
        />
        <TextInput
          label={t("fields.patronymic")}
          autoComplete="additional-name"
          {...bind("patronymic", { setValueAs: emptyToNull })}
        />
        <TextInput
          label={t("fields.display_name")}
          autoComplete="nickname"
          {...bind("display_name", { setValueAs: emptyToNull })}
        />
        <TextInput
          type="date"
          label={t("fields.birthday")}
          autoComplete="bday"
          {...bind("birthday", { setValueAs: emptyToNull })}
        />
        <Controller
          control={form.control}
          name="background_color"
          render={({ field }) => (
            <ColorInput
              label={t("fields.background_color")}
              description={t("profile.colorHint")}
              format="hex"
              withEyeDropper={false}
              placeholder="#3366ff"
              error={errorOf("background_color")}
              name={field.name}
              ref={field.ref}
              value={field.value ?? ""}
              onBlur={field.onBlur}
              onChange={(value) => field.onChange(value === "" ? null : value)}
            />
          )}
        />
      </SimpleGrid>
      <TextInput
        label={t("fields.description")}
        {...bind("description", { setValueAs: emptyToNull })}
      />
      <Textarea
        label={t("fields.bio")}
        autosize
        minRows={3}
        maxRows={8}
        {...bind("bio", { setValueAs: emptyToNull })}
      />

      <Divider label={t("profile.contacts")} labelPosition="left" />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          type="tel"
          label={t("fields.phone")}
          autoComplete="tel"
          {...bind("phone", { setValueAs: emptyToNull })}
        />
        <TextInput
          type="email"
          label={t("fields.contacts_email")}
          {...bind("contacts.email", { setValueAs: emptyToNull })}
        />
        <TextInput
          type="tel"
          label={t("fields.contacts_phone")}
          {...bind("contacts.phone", { setValueAs: emptyToNull })}
        />
        <TextInput
          label={t("fields.telegram")}
          {...bind("contacts.telegram", { setValueAs: emptyToNull })}
        />
        <TextInput
          label={t("fields.viber")}
          {...bind("contacts.viber", { setValueAs: emptyToNull })}
        />
      </SimpleGrid>
      <FormActions onCancel={() => onDone(false)} pending={update.isPending} />
    </FormCard>
  );
}
