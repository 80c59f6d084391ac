import { zodResolver } from "@hookform/resolvers/zod";
import { Autocomplete, Button, Group, Stack } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Controller, useForm, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";

import { Login } from "@kabinet/contracts";

import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { useFieldError } from "../../forms/use-field-error.ts";
import { useFormProblem } from "../../forms/use-form-problem.ts";
import { useTRPC, useTRPCClient } from "../../trpc.ts";
import { useInvalidate } from "../invalidate.ts";

const MemberLookup = z.object({ login: Login });

/** Logins starting like the text typed, to pick from. */
function useLoginSuggestions(text: string) {
  const trpc = useTRPC();
  const [q] = useDebouncedValue(text.trim(), 250);
  const users = useQuery({
    ...trpc.users.list.queryOptions({ q, limit: 8, sort: "login", order: "asc" }),
    enabled: q.length >= 2,
  });
  return (
    users.data?.items.filter((user) => user.state !== "deleted").map((user) => user.login) ?? []
  );
}

/** Finds an account by its login, then adds it to the group. */
export function AddMemberForm({ groupId }: { groupId: number }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  const form = useForm({ resolver: zodResolver(MemberLookup), defaultValues: { login: "" } });
  const errorOf = useFieldError(form);
  const { problem, report, submit } = useFormProblem(form, {
    fields: { login: "login" },
    codes: { user_not_found: "login" },
  });
  const suggestions = useLoginSuggestions(useWatch({ control: form.control, name: "login" }));
  const add = useMutation({
    mutationFn: async ({ login }: { login: string }) => {
      const user = await queryClient.fetchQuery({
        ...trpc.users.getByLogin.queryOptions({ login }),
        staleTime: 0,
      });
      await client.groups.addMember.mutate({ id: groupId, user_id: user.id });
      return user;
    },
    onSuccess: () => {
      form.reset({ login: "" });
      void invalidate(
        trpc.groups.pathKey(),
        trpc.users.pathKey(),
        trpc.me.get.queryKey(),
        trpc.logs.pathKey(),
      );
    },
    onError: report,
  });

  return (
    <form
      noValidate
      aria-label={t("admin.groups.addMember")}
      onSubmit={submit((input) => add.mutate(input))}
    >
      <Stack gap="xs">
        <Group align="flex-start" gap="sm">
          <Controller
            control={form.control}
            name="login"
            render={({ field }) => (
              <Autocomplete
                ref={field.ref}
                name={field.name}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                data={suggestions}
                label={t("admin.groups.memberLogin")}
                placeholder="ivan.petrov"
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                error={errorOf("login")}
                w={280}
              />
            )}
          />
          <Button type="submit" loading={add.isPending} mt={25}>
            {t("admin.groups.addMember")}
          </Button>
        </Group>
        {problem && <ProblemAlert error={problem} />}
      </Stack>
    </form>
  );
}
