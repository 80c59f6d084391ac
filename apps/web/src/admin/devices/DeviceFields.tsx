import { TextInput } from "@mantine/core";
import type { ChangeEvent, ReactNode } from "react";
import { useTranslation } from "react-i18next";

import { emptyToNull, emptyToUndefined } from "../../forms/empty-values.ts";
import type { FieldBinder } from "../../forms/use-form-fields.ts";

/** Where the API's refusals of a device's fields are shown; a new device's form adds its slug. */
export const deviceProblems = {
  fields: { name: "name", location: "location", required_permission: "required_permission" },
} as const;

const trimmed = (value: unknown) => (typeof value === "string" ? value.trim() : value);

interface DeviceFieldsProps {
  bind: FieldBinder<"name" | "location" | "required_permission">;
  /**
   * A device being registered: the slug's input goes after the name, which it follows while
   * typed (`onNameChange`); the permission may be left empty for `device:<slug>:use`.
   */
  registering?: { slug: ReactNode; onNameChange: (name: string) => void };
  /** The permission the slug stands for, once the slug is a valid one. */
  ownPermission: string | undefined;
}

/** Name, place and required permission: the fields of a new device and of an existing one. */
export function DeviceFields({ bind, registering, ownPermission }: DeviceFieldsProps) {
  const { t } = useTranslation();
  const optional = ` (${t("common.optional")})`;
  const name = bind("name");
  const machineInput = { autoComplete: "off", autoCapitalize: "none", spellCheck: false };
  const permission = ownPermission ?? "device:<slug>:use";
  return (
    <>
      <TextInput
        label={t("admin.devices.name")}
        placeholder={registering && t("admin.devices.namePlaceholder")}
        required
        maxLength={64}
        {...name}
        onChange={(event: ChangeEvent<HTMLInputElement>) => {
          void name.onChange(event);
          registering?.onNameChange(event.currentTarget.value);
        }}
      />
      {registering?.slug}
      <TextInput
        label={t("admin.devices.location") + optional}
        placeholder={registering && t("admin.devices.locationPlaceholder")}
        maxLength={128}
        // Left empty, a new device has no location and an existing one loses it.
        {...bind("location", { setValueAs: registering ? emptyToUndefined : emptyToNull })}
      />
      {registering ? (
        <TextInput
          label={t("admin.devices.requiredPermission") + optional}
          description={t("admin.devices.requiredPermissionDefault", { permission })}
          placeholder={permission}
          {...machineInput}
          {...bind("required_permission", {
            setValueAs: (value) => emptyToUndefined(trimmed(value)),
          })}
        />
      ) : (
        <TextInput
          label={t("admin.devices.requiredPermission")}
          description={
            ownPermission && t("admin.devices.requiredPermissionOwn", { permission: ownPermission })
          }
          required
          {...machineInput}
          {...bind("required_permission", { setValueAs: trimmed })}
        />
      )}
    </>
  );
}
