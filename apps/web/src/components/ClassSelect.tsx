import { NativeSelect } from "@mantine/core";
import type { ComponentProps } from "react";
import { useTranslation } from "react-i18next";

const classes = Array.from({ length: 11 }, (_, i) => String(i + 1));

/** A school class, 1 to 11, or none. */
export function ClassSelect(props: Omit<ComponentProps<typeof NativeSelect>, "data">) {
  const { t } = useTranslation();
  return (
    <NativeSelect data={[{ value: "", label: t("signUp.classNone") }, ...classes]} {...props} />
  );
}
