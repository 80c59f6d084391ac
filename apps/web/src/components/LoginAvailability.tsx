import { Group, Loader, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";

import { Login } from "@kabinet/contracts";

import { useTRPC } from "../trpc.ts";

/** Says whether a login is free while it is typed, once it is a valid login at all. */
export function LoginAvailability({ login }: { login: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [debounced] = useDebouncedValue(login, 350);
  const valid = Login.safeParse(debounced).success;
  const availability = useQuery({
    ...trpc.auth.loginAvailable.queryOptions({ login: debounced }),
    enabled: valid,
  });

  if (!valid || availability.isError) return <>{t("signUp.loginHint")}</>;
  if (availability.isPending || debounced !== login) {
    return (
      <Group gap={6} component="span">
        <Loader size={10} />
        <span>{t("signUp.loginChecking")}</span>
      </Group>
    );
  }
  return availability.data.available ? (
    <Text span size="xs" c="green.8">
      {t("signUp.loginAvailable")}
    </Text>
  ) : (
    <Text span size="xs" c="red.8">
      {t("signUp.loginTaken")}
    </Text>
  );
}
