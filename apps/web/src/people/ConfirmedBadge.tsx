import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** Marks someone whose student card a reviewer has confirmed. */
export function ConfirmedBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="green" variant="light" data-testid="confirmed-badge">
      {t("people.confirmed")}
    </Badge>
  );
}
