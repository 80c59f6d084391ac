import i18next from "i18next";
import { initReactI18next } from "react-i18next";

import en from "./en.json";
import { initialLanguage, isLanguage, saveLanguage, type Language } from "./language.ts";
import ru from "./ru.json";

export const resources = { en: { translation: en }, ru: { translation: ru } } as const;

export async function initI18n(): Promise<typeof i18next> {
  i18next.on("languageChanged", (language) => {
    document.documentElement.lang = language;
  });
  await i18next.use(initReactI18next).init({
    resources,
    lng: initialLanguage(),
    fallbackLng: "en",
    supportedLngs: ["ru", "en"],
    interpolation: { escapeValue: false },
  });
  return i18next;
}

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : "en";
}

export async function changeLanguage(language: Language): Promise<void> {
  saveLanguage(language);
  await i18next.changeLanguage(language);
}
