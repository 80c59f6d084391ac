import { Button, Group, Loader, Stack, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { PageHeader } from "../../components/PageHeader.tsx";
import { useSignedInUser } from "../../components/SignedInArea.tsx";
import { useTRPC } from "../../trpc.ts";
import { assignableRoles, hasPermission } from "../access.ts";
import { EmptyResult } from "../components/EmptyResult.tsx";
import { LoadMore } from "../components/LoadMore.tsx";
import { QueryProblem } from "../components/QueryProblem.tsx";
import { TableSkeleton } from "../components/TableSkeleton.tsx";
import { CreateUserModal } from "./CreateUserModal.tsx";
import { defaultUserFilters, toUserListInput } from "./user-filters.ts";
import { UserFiltersBar } from "./UserFiltersBar.tsx";
import { UsersTable } from "./UsersTable.tsx";

export function UsersPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useSignedInUser();
  const [filters, setFilters] = useState(defaultUserFilters);
  const [q] = useDebouncedValue(filters.q, 300);
  const [creating, setCreating] = useState(false);
  const users = useInfiniteQuery(
    trpc.users.list.infiniteQueryOptions(toUserListInput({ ...filters, q }), {
      getNextPageParam: (last) => last.next_cursor,
      placeholderData: keepPreviousData,
    }),
  );
  const canCreate = hasPermission(me, "users:manage") && assignableRoles(me.role).length > 0;
  const items = users.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="md">
      <PageHeader title={t("admin.users.title")}>
        {canCreate && <Button onClick={() => setCreating(true)}>{t("admin.users.create")}</Button>}
      </PageHeader>
      <UserFiltersBar
        value={filters}
        onChange={setFilters}
        withGroups={hasPermission(me, "groups:manage")}
      />
      {users.isPending && <TableSkeleton />}
      {users.isError && !users.isFetchNextPageError && (
        <QueryProblem
          error={users.error}
          onRetry={() => void users.refetch()}
          retrying={users.isFetching}
        />
      )}
      {users.data && (
        <>
          <Group gap="xs">
            <Text size="sm" c="dimmed" data-testid="users-total">
              {t("admin.users.found", { total: users.data.pages[0]?.total ?? 0 })}
            </Text>
            {users.isPlaceholderData && <Loader size="xs" aria-label={t("common.loading")} />}
          </Group>
          {items.length === 0 ? (
            <EmptyResult>{t("admin.users.empty")}</EmptyResult>
          ) : (
            <UsersTable users={items} />
          )}
          <LoadMore pager={users} />
        </>
      )}
      <CreateUserModal opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}
