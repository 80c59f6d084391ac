import { Button } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";

import type { LogFilter } from "@kabinet/contracts";

import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { fetchLogsCsv, saveBlob } from "./download-csv.ts";

/** The CSV export of the filters applied to the list; a failure shows under the button. */
export function useCsvDownload() {
  return useMutation({
    mutationFn: (filter: LogFilter) => fetchLogsCsv(filter),
    onSuccess: ({ blob, filename }) => saveBlob(blob, filename),
  });
}

export function DownloadCsvButton({ onClick, loading }: { onClick: () => void; loading: boolean }) {
  const { t } = useTranslation();
  return (
    <Button variant="default" onClick={onClick} loading={loading}>
      {t("admin.logs.download")}
    </Button>
  );
}

export function DownloadProblem({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return <ProblemAlert error={error} title={t("admin.logs.downloadFailed")} />;
}
