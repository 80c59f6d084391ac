import i18next from "i18next";
import { initReactI18next } from "react-i18next";

import type en from "./en.json";
import { initialLanguage, saveLanguage, type Language } from "./language.ts";

/** Each language's texts come in a file of their own: a page needs only the one it shows. */
const loaders: Record<Language, () => Promise<{ default: typeof en }>> = {
  en: () => import("./en.json"),
  ru: () => import("./ru.json"),
};

async function loadLanguage(language: Language): Promise<void> {
  if (i18next.hasResourceBundle(language, "translation")) return;
  const { default: texts } = await loaders[language]();
  i18next.addResourceBundle(language, "translation", texts);
}

export async function initI18n(): Promise<typeof i18next> {
  i18next.on("languageChanged", (language) => {
    document.documentElement.lang = language;
  });
  const language = initialLanguage();
  await i18next.use(initReactI18next).init({
    resources: {},
    lng: language,
    // Both languages have every key (a test holds them to it), so none falls back to another.
    fallbackLng: false,
    supportedLngs: ["ru", "en"],
    interpolation: { escapeValue: false },
  });
  await loadLanguage(language);
  return i18next;
}

export async function changeLanguage(language: Language): Promise<void> {
  saveLanguage(language);
  await loadLanguage(language);
  await i18next.changeLanguage(language);
}
