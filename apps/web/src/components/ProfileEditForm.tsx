import { zodResolver } from "@hookform/resolvers/zod";
import { ColorInput, Divider, SimpleGrid, Textarea, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Controller, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { ProfilePatch, type User } from "@kabinet/contracts";

import { sameNames } from "../forms/apply-problem.ts";
import { emptyToNull } from "../forms/empty-values.ts";
import { useFormFields } from "../forms/use-form-fields.ts";
import { useFormProblem } from "../forms/use-form-problem.ts";
import { useTRPC } from "../trpc.ts";
import { PersonFields, personFields, personValues } from "./AccountFields.tsx";
import { ProfileFormCard } from "./EditableProfile.tsx";

/** Every field of the form, named as the API names them in field errors. */
const patchFields = [
  ...personFields,
  "phone",
  "description",
  "bio",
  "background_color",
  "contacts.email",
  "contacts.phone",
  "contacts.telegram",
  "contacts.viber",
] as const;

/** The ways to reach a person, each cleared by emptying it. */
const contactFields = [
  { name: "phone", label: "fields.phone", type: "tel", autoComplete: "tel" },
  { name: "contacts.email", label: "fields.contacts_email", type: "email" },
  { name: "contacts.phone", label: "fields.contacts_phone", type: "tel" },
  { name: "contacts.telegram", label: "fields.telegram" },
  { name: "contacts.viber", label: "fields.viber" },
] as const;

function defaultsOf(user: User) {
  return {
    ...personValues(user),
    phone: user.phone,
    description: user.description,
    bio: user.bio,
    background_color: user.background_color,
    contacts: { ...user.contacts },
  };
}

/** One's own profile. */
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
  const { problem, report, submit } = useFormProblem(form, { fields: sameNames(patchFields) });
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
    <ProfileFormCard
      title={t("profile.editTitle")}
      onSubmit={submit((patch) => update.mutate(patch))}
      problem={problem}
      onDone={onDone}
      pending={update.isPending}
    >
      <Divider label={t("profile.personal")} labelPosition="left" />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <PersonFields bind={bind} whose="own" />
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
        {contactFields.map(({ name, label, ...input }) => (
          <TextInput
            key={name}
            label={t(label)}
            {...input}
            {...bind(name, { setValueAs: emptyToNull })}
          />
        ))}
      </SimpleGrid>
    </ProfileFormCard>
  );
}
