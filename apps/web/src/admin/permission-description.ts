import { useTranslation } from "react-i18next";

/** A permission explained in the reader's language; the API's English text for any it does not know. */
export function usePermissionDescription() {
  const { t } = useTranslation();
  // i18next reads ":" as a namespace separator, so the keys spell permissions with "_".
  const descriptions: Record<string, string> = t("admin.permissionDescriptions", {
    returnObjects: true,
  });
  return (name: string, fallback?: string): string => {
    if (name.startsWith("device:"))
      return t("admin.permissionDescriptions.device", { slug: name.slice(7, -4) });
    return descriptions[name.replace(":", "_")] ?? fallback ?? name;
  };
}
