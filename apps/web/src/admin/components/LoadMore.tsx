import { Button, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";

import { ProblemAlert } from "../../components/ProblemAlert.tsx";

/** The part of an infinite query a "Load more" button needs. */
export interface Pager {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  error: unknown;
  fetchNextPage: () => Promise<unknown>;
}

export function LoadMore({ pager }: { pager: Pager }) {
  const { t } = useTranslation();
  const more = () => void pager.fetchNextPage();
  if (pager.isFetchNextPageError) {
    return (
      <ProblemAlert
        error={pager.error}
        title={t("common.loadFailed")}
        onRetry={more}
        retrying={pager.isFetchingNextPage}
      />
    );
  }
  if (!pager.hasNextPage) return null;
  return (
    <Group justify="center">
      <Button variant="default" onClick={more} loading={pager.isFetchingNextPage}>
        {t("admin.loadMore")}
      </Button>
    </Group>
  );
}
