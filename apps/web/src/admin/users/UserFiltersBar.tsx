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

type Option = { value: string; label: string };

/** The groups to filter by: their names once the list has come, "loading" until then. */
function useGroupOptions(enabled: boolean) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const groups = useQuery({ ...trpc.groups.list.queryOptions({ limit: 100 }), enabled });
  const options: Option[] =
    groups.data?.items.map((group) => ({ value: String(group.id), label: group.name })) ?? [];
  return {
    options,
    loading: groups.isPending,
    error: groups.isError ? t("admin.groups.loadFailed") : undefined,
  };
}

export function UserFiltersBar({ value, onChange, withGroups }: UserFiltersBarProps) {
  const { t } = useTranslation();
  const groups = useGroupOptions(withGroups);
  const any: Option = { value: "", label: t("admin.any") };
  /** One filter's select: `options` are its choices, the current one is in `value[name]`. */
  const select = (
    name: Exclude<keyof UserFilters, "q">,
    label: string,
    options: Option[],
    input?: { disabled: boolean; error: string | undefined },
  ) => (
    <NativeSelect
      label={label}
      value={value[name]}
      onChange={(event) => onChange({ ...value, [name]: event.currentTarget.value })}
      data={options}
      {...input}
    />
  );
  return (
    <Paper withBorder radius="md" p="md">
      <SimpleGrid cols={{ base: 1, xs: 2, sm: 3, md: withGroups ? 6 : 5 }} spacing="sm">
        <TextInput
          type="search"
          label={t("admin.users.search")}
          placeholder={t("admin.users.searchPlaceholder")}
          value={value.q}
          maxLength={64}
          onChange={(event) => onChange({ ...value, q: event.currentTarget.value })}
        />
        {select("role", t("admin.users.filters.role"), [
          any,
          ...Role.options.map((role) => ({ value: role, label: t(`profile.roles.${role}`) })),
        ])}
        {select("state", t("admin.users.filters.state"), [
          any,
          ...UserState.options.map((state) => ({
            value: state,
            label: t(`profile.states.${state}`),
          })),
        ])}
        {withGroups &&
          select(
            "group_id",
            t("admin.users.filters.group"),
            [
              { value: "", label: groups.loading ? t("common.loading") : t("admin.any") },
              ...groups.options,
            ],
            { disabled: groups.loading || groups.error !== undefined, error: groups.error },
          )}
        {select(
          "sort",
          t("admin.users.filters.sort"),
          UserSort.options.map((sort) => ({ value: sort, label: t(`admin.users.sort.${sort}`) })),
        )}
        {select(
          "order",
          t("admin.order.label"),
          SortOrder.options.map((order) => ({ value: order, label: t(`admin.order.${order}`) })),
        )}
      </SimpleGrid>
    </Paper>
  );
}
