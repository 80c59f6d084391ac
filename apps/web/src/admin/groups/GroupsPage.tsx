import { Button, Group, Loader, Stack, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";

import { PageHeader } from "../../components/PageHeader.tsx";
import { useTRPC } from "../../trpc.ts";
import { EmptyResult } from "../components/EmptyResult.tsx";
import { LoadMore } from "../components/LoadMore.tsx";
import { QueryProblem } from "../components/QueryProblem.tsx";
import { TableSkeleton } from "../components/TableSkeleton.tsx";
import { GroupCreateForm } from "./GroupCreateForm.tsx";
import { GroupsTable } from "./GroupsTable.tsx";

export function GroupsPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 300);
  const groups = useInfiniteQuery(
    trpc.groups.list.infiniteQueryOptions(
      { ...(q ? { q } : {}), limit: 20 },
      { getNextPageParam: (last) => last.next_cursor, placeholderData: keepPreviousData },
    ),
  );
  const items = groups.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="md">
      <PageHeader title={t("admin.groups.title")}>
        {!creating && <Button onClick={() => setCreating(true)}>{t("admin.groups.create")}</Button>}
      </PageHeader>
      {creating && (
        <GroupCreateForm
          onCancel={() => setCreating(false)}
          onCreated={(group) => void navigate(`/admin/groups/${group.id}`)}
        />
      )}
      <Group gap="xs" align="flex-end">
        <TextInput
          type="search"
          label={t("admin.groups.search")}
          value={search}
          maxLength={64}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={320}
        />
        {groups.isPlaceholderData && <Loader size="xs" mb={10} aria-label={t("common.loading")} />}
      </Group>
      {groups.isPending && <TableSkeleton />}
      {groups.isError && !groups.isFetchNextPageError && (
        <QueryProblem
          error={groups.error}
          onRetry={() => void groups.refetch()}
          retrying={groups.isFetching}
        />
      )}
      {groups.data && (
        <>
          {items.length === 0 ? (
            <EmptyResult>{t(q ? "admin.groups.noMatch" : "admin.groups.empty")}</EmptyResult>
          ) : (
            <GroupsTable groups={items} />
          )}
          <LoadMore pager={groups} />
        </>
      )}
    </Stack>
  );
}
