import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";

import type { Role, UserState } from "@kabinet/contracts";

const stateColors: Record<UserState, string> = {
  new: "blue",
  activated: "green",
  blocked: "red",
  deleted: "gray",
};

export function RoleBadge({ role }: { role: Role }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={role === "user" ? "gray" : "indigo"}>
      {t(`profile.roles.${role}`)}
    </Badge>
  );
}

export function StateBadge({ state }: { state: UserState }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={stateColors[state]}>
      {t(`profile.states.${state}`)}
    </Badge>
  );
}
