import { MultiSelect, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState, type Ref } from "react";
import { useTranslation } from "react-i18next";

import { userHasPermission } from "@kabinet/contracts";

import { useSignedInUser } from "../../components/SignedInArea.tsx";
import { useTRPC } from "../../trpc.ts";
import { usePermissionDescription } from "../permission-description.ts";
import { permissionOptions } from "./permission-options.ts";

interface PermissionPickerProps {
  value: string[];
  onChange: (value: string[]) => void;
  onBlur?: () => void;
  name?: string;
  ref?: Ref<HTMLInputElement>;
  error?: string;
}

/** The catalogue's permissions to pick from; a machine permission `device:<slug>:use` can be typed. */
export function PermissionPicker({
  value,
  onChange,
  onBlur,
  name,
  ref,
  error,
}: PermissionPickerProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const describe = usePermissionDescription();
  const me = useSignedInUser();
  const catalogue = useQuery(trpc.permissions.list.queryOptions({}));
  const [search, setSearch] = useState("");
  const items = catalogue.data?.items ?? [];
  const data = permissionOptions(
    items,
    value,
    search,
    { general: t("admin.groups.generalPermissions"), devices: t("admin.groups.devicePermissions") },
    (permission) => userHasPermission(me, permission),
  );
  const serverDescription = (permission: string) =>
    items.find((item) => item.name === permission)?.description;

  return (
    <MultiSelect
      ref={ref}
      name={name}
      label={t("admin.groups.permissions")}
      description={t("admin.groups.permissionsHint")}
      placeholder={value.length === 0 ? t("admin.groups.permissionsPlaceholder") : undefined}
      data={data}
      value={value}
      onChange={onChange}
      onBlur={onBlur}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      clearable
      maxValues={100}
      nothingFoundMessage={t("admin.groups.noPermissionFound")}
      error={error ?? (catalogue.isError ? t("admin.groups.catalogueFailed") : undefined)}
      renderOption={({ option }) => (
        <Stack gap={0}>
          <Text size="sm">{option.value}</Text>
          <Text size="xs" c="dimmed">
            {describe(option.value, serverDescription(option.value))}
          </Text>
          {option.disabled && (
            <Text size="xs" c="dimmed">
              {t("admin.groups.notHeld")}
            </Text>
          )}
        </Stack>
      )}
    />
  );
}
