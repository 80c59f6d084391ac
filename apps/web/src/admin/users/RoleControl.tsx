import { Button, Group, NativeSelect, Stack } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { AssignableRole, type User } from "@kabinet/contracts";

import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { useTRPC } from "../../trpc.ts";
import type { AssignableRole as Assignable } from "../access.ts";
import { useUserSaved } from "./use-user-saved.ts";

/** The super's role select; other roles never see it (the API allows it to the super alone). */
export function RoleControl({ user }: { user: User }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const saved = useUserSaved();
  const [role, setRole] = useState<Assignable>(user.role === "super" ? "admin" : user.role);
  const change = useMutation(trpc.users.setRole.mutationOptions({ onSuccess: saved }));
  return (
    <Stack gap="xs">
      <Group align="flex-end" gap="sm">
        <NativeSelect
          label={t("profile.role")}
          value={role}
          onChange={(event) => {
            change.reset();
            setRole(event.currentTarget.value as Assignable);
          }}
          data={AssignableRole.options.map((option) => ({
            value: option,
            label: t(`profile.roles.${option}`),
          }))}
        />
        <Button
          variant="light"
          disabled={role === user.role}
          loading={change.isPending}
          onClick={() => change.mutate({ id: user.id, role })}
        >
          {t("admin.user.changeRole")}
        </Button>
      </Group>
      {change.isError && <ProblemAlert error={change.error} />}
    </Stack>
  );
}
