import { Stack, TextInput } from "@mantine/core";
import {
  Controller,
  type Control,
  type FieldValues,
  type Path,
  type UseFormRegister,
} from "react-hook-form";
import { useTranslation } from "react-i18next";

import { emptyToNull } from "../../forms/empty-values.ts";
import { PermissionPicker } from "./PermissionPicker.tsx";

/** Where the API's refusals of a group's fields are shown. */
export const groupProblems = {
  fields: { name: "name", description: "description", permissions: "permissions" },
  codes: { group_name_taken: "name" },
} as const;

interface GroupFieldValues extends FieldValues {
  name?: string;
  description?: string | null;
  permissions?: string[];
}

interface GroupFieldsProps<T extends GroupFieldValues> {
  register: UseFormRegister<T>;
  control: Control<T>;
  errorOf: (name: string) => string | undefined;
}

/** Name, description and permissions: the same fields for creating and editing a group. */
export function GroupFields<T extends GroupFieldValues>({
  register,
  control,
  errorOf,
}: GroupFieldsProps<T>) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <TextInput
        label={t("admin.groups.name")}
        required
        error={errorOf("name")}
        {...register("name" as Path<T>)}
      />
      <TextInput
        label={`${t("admin.groups.description")} (${t("common.optional")})`}
        error={errorOf("description")}
        {...register("description" as Path<T>, { setValueAs: emptyToNull })}
      />
      <Controller
        control={control}
        name={"permissions" as Path<T>}
        render={({ field }) => (
          <PermissionPicker
            ref={field.ref}
            name={field.name}
            value={(field.value as string[] | undefined) ?? []}
            onChange={field.onChange}
            onBlur={field.onBlur}
            error={errorOf("permissions")}
          />
        )}
      />
    </Stack>
  );
}
