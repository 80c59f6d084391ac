import { Group, Loader, Stack, Title } from "@mantine/core";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";

import type { LogFilter } from "@kabinet/contracts";

import { useSignedInUser } from "../../components/SignedInArea.tsx";
import { useTRPC } from "../../trpc.ts";
import { hasPermission } from "../access.ts";
import { EmptyResult } from "../components/EmptyResult.tsx";
import { LoadMore } from "../components/LoadMore.tsx";
import { QueryProblem } from "../components/QueryProblem.tsx";
import { TableSkeleton } from "../components/TableSkeleton.tsx";
import { DownloadCsvButton, DownloadProblem, useCsvDownload } from "./DownloadCsvButton.tsx";
import { logFilterFromParams, LOGS_PAGE_SIZE } from "./log-filters.ts";
import { LogFiltersForm } from "./LogFiltersForm.tsx";
import { LogsTable } from "./LogsTable.tsx";

function Logs({ initial }: { initial: LogFilter }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useSignedInUser();
  const [filter, setFilter] = useState<LogFilter>(initial);
  const logs = useInfiniteQuery(
    trpc.logs.list.infiniteQueryOptions(
      { ...filter, limit: LOGS_PAGE_SIZE },
      // The log grows with every action: opening the page always reads it afresh.
      {
        getNextPageParam: (last) => last.next_cursor,
        placeholderData: keepPreviousData,
        staleTime: 0,
      },
    ),
  );
  const download = useCsvDownload();
  const entries = logs.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Group gap="sm">
          <Title order={1} fz="h2">
            {t("admin.logs.title")}
          </Title>
          {logs.isPlaceholderData && <Loader size="xs" aria-label={t("common.loading")} />}
        </Group>
        <DownloadCsvButton onClick={() => download.mutate(filter)} loading={download.isPending} />
      </Group>
      {download.isError && <DownloadProblem error={download.error} />}
      <LogFiltersForm
        initial={initial}
        onApply={(next) => {
          download.reset();
          setFilter(next);
        }}
      />
      {logs.isPending && <TableSkeleton rows={8} />}
      {logs.isError && !logs.isFetchNextPageError && (
        <QueryProblem
          error={logs.error}
          onRetry={() => void logs.refetch()}
          retrying={logs.isFetching}
        />
      )}
      {logs.data && (
        <>
          {entries.length === 0 ? (
            <EmptyResult>{t("admin.logs.empty")}</EmptyResult>
          ) : (
            <LogsTable
              entries={entries}
              linkUsers={hasPermission(me, "users:read")}
              linkDevices={hasPermission(me, "devices:manage")}
            />
          )}
          <LoadMore pager={logs} />
        </>
      )}
    </Stack>
  );
}

/** The log, filtered as the address asks; following another link to it starts afresh. */
export function LogsPage() {
  const [params] = useSearchParams();
  const search = params.toString();
  return <Logs key={search} initial={logFilterFromParams(params)} />;
}
