import { Alert, Button, Group, Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { z } from "zod";

import type { CreatedUser as CreatedUserSchema } from "@kabinet/contracts";

import { SecretReveal } from "../components/SecretReveal.tsx";

export type CreatedUser = z.infer<typeof CreatedUserSchema>;

export function CreatedUserResult({
  created,
  onClose,
}: {
  created: CreatedUser;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { user, one_time_password: oneTimePassword } = created;
  return (
    <Stack gap="md">
      <Alert color="green" variant="light" role="status">
        {t("admin.users.created", { login: user.login })}
      </Alert>
      {oneTimePassword && (
        <SecretReveal
          title={t("admin.users.oneTimePassword")}
          secret={oneTimePassword}
          hint={t("admin.users.oneTimePasswordHint")}
        />
      )}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onClose}>
          {t("admin.close")}
        </Button>
        <Button component={Link} to={`/admin/users/${user.id}`} onClick={onClose}>
          {t("admin.users.openUser")}
        </Button>
      </Group>
    </Stack>
  );
}
