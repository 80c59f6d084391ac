export const languages = ["ru", "en"] as const;
export type Language = (typeof languages)[number];

const STORAGE_KEY = "kabinet.language";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (languages as readonly string[]).includes(value);
}

/** The user's saved choice, else the browser's language: Russian for any "ru…", English otherwise. */
export function initialLanguage(
  storage: Pick<Storage, "getItem"> | undefined = globalThis.localStorage,
  browserLanguage: string | undefined = globalThis.navigator?.language,
): Language {
  let saved: string | null = null;
  try {
    saved = storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    // Storage can be disabled by the browser; fall back to its language.
  }
  if (isLanguage(saved)) return saved;
  return browserLanguage?.toLowerCase().startsWith("ru") ? "ru" : "en";
}

export function saveLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not persisted when storage is disabled; the choice still holds for this page.
  }
}
