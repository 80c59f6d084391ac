import en from "./en.json";
import ru from "./ru.json";

/** Both languages at once, for an i18next instance of one's own (the app loads one at a time). */
export const resources = { en: { translation: en }, ru: { translation: ru } } as const;
