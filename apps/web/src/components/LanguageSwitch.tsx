import { SegmentedControl } from "@mantine/core";
import { useTranslation } from "react-i18next";

import { changeLanguage } from "../i18n/index.ts";
import { isLanguage, type Language } from "../i18n/language.ts";

const labels: Record<Language, string> = { ru: "RU", en: "EN" };

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t("nav.language")}
      value={i18n.language}
      onChange={(value) => {
        if (isLanguage(value)) void changeLanguage(value);
      }}
      data={[
        { value: "ru", label: <span lang="ru">{labels.ru}</span> },
        { value: "en", label: <span lang="en">{labels.en}</span> },
      ]}
    />
  );
}
