import { zodResolver } from "@hookform/resolvers/zod";
import { UserPatch, type User } from "@kabinet/contracts";
import { Button, Group, NativeSelect, Paper, SimpleGrid, Stack, TextInput, Title } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { emptyToNull, emptyToNullNumber } from "../../forms/empty-values.ts";
import { useFieldError } from "../../forms/use-field-error.ts";
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
  const errorOf = useFieldError(form);
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
    <Paper withBorder radius="md" p="lg">
      <form
        noValidate
        aria-labelledby="user-edit-title"
        onSubmit={form.handleSubmit((patch) => {
          clear();
          update.mutate({ id: user.id, ...patch });
        })}
      >
        <Stack gap="md">
          <Title order={1} fz="h2" id="user-edit-title">
            {t("admin.user.editTitle", { login: user.login })}
          </Title>
          {problem && <ProblemAlert error={problem} />}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t("fields.login")} required autoCapitalize="none" spellCheck={false} error={errorOf("login")} {...form.register("login")} />
            <TextInput type="email" label={t("fields.email")} required error={errorOf("email")} {...form.register("email")} />
            <TextInput label={t("fields.first_name")} required error={errorOf("first_name")} {...form.register("first_name")} />
            <TextInput label={t("fields.last_name")} required error={errorOf("last_name")} {...form.register("last_name")} />
            <TextInput label={t("fields.patronymic")} error={errorOf("patronymic")} {...form.register("patronymic", { setValueAs: emptyToNull })} />
            <TextInput
              label={t("fields.display_name")}
              error={errorOf("display_name")}
              {...form.register("display_name", { setValueAs: emptyToNull })}
            />
            <TextInput type="date" label={t("fields.birthday")} error={errorOf("birthday")} {...form.register("birthday", { setValueAs: emptyToNull })} />
            <TextInput type="tel" label={t("fields.phone")} error={errorOf("phone")} {...form.register("phone", { setValueAs: emptyToNull })} />
            <NativeSelect
              label={t("fields.class")}
              data={[{ value: "", label: t("signUp.classNone") }, ...classes]}
              error={errorOf("class")}
              {...form.register("class", { setValueAs: emptyToNullNumber })}
            />
            <TextInput label={t("fields.description")} error={errorOf("description")} {...form.register("description", { setValueAs: emptyToNull })} />
          </SimpleGrid>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => onDone(false)} disabled={update.isPending}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={update.isPending}>
              {t("common.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
