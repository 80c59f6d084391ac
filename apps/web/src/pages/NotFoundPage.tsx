import { useTranslation } from "react-i18next";

import { DeadEnd } from "../components/DeadEnd.tsx";

export function NotFoundPage() {
  const { t } = useTranslation();
  return <DeadEnd title={t("notFound.title")} text={t("notFound.text")} mt="xl" />;
}
