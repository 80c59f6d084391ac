import { useTranslation } from "react-i18next";

import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { problemOf } from "../../problems.ts";
import { NoAccess } from "./NoAccess.tsx";

interface QueryProblemProps {
  error: unknown;
  onRetry: () => void;
  retrying?: boolean;
}

/** A failed load: "no access" when the API refused the permission, else the problem with a retry. */
export function QueryProblem({ error, onRetry, retrying }: QueryProblemProps) {
  const { t } = useTranslation();
  if (problemOf(error).code === "forbidden") return <NoAccess />;
  return (
    <ProblemAlert
      error={error}
      title={t("common.loadFailed")}
      onRetry={onRetry}
      retrying={retrying}
    />
  );
}
