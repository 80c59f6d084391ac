import { NativeSelect, Paper, SimpleGrid, TextInput } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";

import { Role, SortOrder, UserSort, UserState } from "@kabinet/contracts";

import { useTRPC } from "../../trpc.ts";
import type { UserFilters } from "./user-filters.ts";

interface UserFiltersBarProps {
  value: UserFilters;
  onChange: (next: UserFilters) => void;
  /** The group filter needs the group list, which only `groups:manage` may read. */
  withGroups: boolean;
}

function GroupFilter({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const groups = useQuery(trpc.groups.list.queryOptions({ limit: 100 }));
  const options =
    groups.data?.items.map((group) => ({ value: String(group.id), label: group.name })) ?? [];
  return (
    <NativeSelect
      label={t("admin.users.filters.group")}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      disabled={!groups.data}
      error={groups.isError ? t("admin.groups.loadFailed") : undefined}
      data={[
        { value: "", label: groups.isPending ? t("common.loading") : t("admin.any") },
        ...options,
      ]}
    />
  );
}

export function UserFiltersBar({ value, onChange, withGroups }: UserFiltersBarProps) {
  const { t } = useTranslation();
  const set = <K extends keyof UserFilters>(key: K, next: UserFilters[K]) =>
    onChange({ ...value, [key]: next });
  const any = { value: "", label: t("admin.any") };
  return (
    <Paper withBorder radius="md" p="md">
      <SimpleGrid cols={{ base: 1, xs: 2, sm: 3, md: withGroups ? 6 : 5 }} spacing="sm">
        <TextInput
          type="search"
          label={t("admin.users.search")}
          placeholder={t("admin.users.searchPlaceholder")}
          value={value.q}
          maxLength={64}
          onChange={(event) => set("q", event.currentTarget.value)}
        />
        <NativeSelect
          label={t("admin.users.filters.role")}
          value={value.role}
          onChange={(event) => set("role", event.currentTarget.value as UserFilters["role"])}
          data={[
            any,
            ...Role.options.map((role) => ({ value: role, label: t(`profile.roles.${role}`) })),
          ]}
        />
        <NativeSelect
          label={t("admin.users.filters.state")}
          value={value.state}
          onChange={(event) => set("state", event.currentTarget.value as UserFilters["state"])}
          data={[
            any,
            ...UserState.options.map((state) => ({
              value: state,
              label: t(`profile.states.${state}`),
            })),
          ]}
        />
        {withGroups && (
          <GroupFilter value={value.group_id} onChange={(id) => set("group_id", id)} />
        )}
        <NativeSelect
          label={t("admin.users.filters.sort")}
          value={value.sort}
          onChange={(event) => set("sort", event.currentTarget.value as UserFilters["sort"])}
          data={UserSort.options.map((sort) => ({
            value: sort,
            label: t(`admin.users.sort.${sort}`),
          }))}
        />
        <NativeSelect
          label={t("admin.order.label")}
          value={value.order}
          onChange={(event) => set("order", event.currentTarget.value as UserFilters["order"])}
          data={SortOrder.options.map((order) => ({
            value: order,
            label: t(`admin.order.${order}`),
          }))}
        />
      </SimpleGrid>
    </Paper>
  );
}
