import { zodResolver } from "@hookform/resolvers/zod";
import { Textarea, TextInput } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { ProfilePatch, type User } from "@kabinet/contracts";

import { FormActions } from "../components/FormActions.tsx";
import { FormCard } from "../components/FormCard.tsx";
import { sameNames } from "../forms/apply-problem.ts";
import { emptyToNull } from "../forms/empty-values.ts";
import { useFormFields } from "../forms/use-form-fields.ts";
import { useFormProblem } from "../forms/use-form-problem.ts";
import { useTRPC } from "../trpc.ts";
import { useProfileSaved } from "./use-profile-saved.ts";

/** The two fields of the public profile one writes oneself, checked as the API checks them. */
const PublicPatch = ProfilePatch.pick({ display_name: true, bio: true });
const publicFields = ["display_name", "bio"] as const;

export const DISPLAY_NAME_MAX = ProfilePatch.shape.display_name.unwrap().unwrap().maxLength;
export const BIO_MAX = ProfilePatch.shape.bio.unwrap().unwrap().maxLength;

/** The public name and bio, edited on their own. */
export function PublicProfileForm({
  user,
  onDone,
}: {
  user: User;
  onDone: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const saved = useProfileSaved();
  const form = useForm({
    resolver: zodResolver(PublicPatch),
    defaultValues: { display_name: user.display_name, bio: user.bio },
  });
  const { bind } = useFormFields(form);
  const { problem, report, submit } = useFormProblem(form, { fields: sameNames(publicFields) });
  const update = useMutation(
    trpc.me.update.mutationOptions({
      onSuccess: (account) => {
        saved(account);
        onDone(true);
      },
      onError: report,
    }),
  );

  return (
    <FormCard
      title={t("myProfile.editPublicTitle")}
      level={2}
      onSubmit={submit((patch) => update.mutate(patch))}
      problem={problem}
    >
      <TextInput
        label={t("fields.display_name")}
        description={t("myProfile.displayNameHint")}
        autoComplete="nickname"
        maxLength={DISPLAY_NAME_MAX ?? undefined}
        {...bind("display_name", { setValueAs: emptyToNull })}
      />
      <Textarea
        label={t("fields.bio")}
        description={t("myProfile.bioHint", { max: BIO_MAX })}
        autosize
        minRows={3}
        maxRows={8}
        maxLength={BIO_MAX ?? undefined}
        {...bind("bio", { setValueAs: emptyToNull })}
      />
      <FormActions onCancel={() => onDone(false)} pending={update.isPending} />
    </FormCard>
  );
}
