import {
  DEVICE_SLUG_PATTERN,
  devicePermission,
  type Device,
  type DevicePatch,
} from "@kabinet/contracts";

/** The longest slug the API takes. */
export const DEVICE_SLUG_MAX = 48;

const cyrillic: Record<string, string> = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  д: "d",
  е: "e",
  ё: "e",
  ж: "zh",
  з: "z",
  и: "i",
  й: "y",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  х: "kh",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "shch",
  ъ: "",
  ы: "y",
  ь: "",
  э: "e",
  ю: "yu",
  я: "ya",
  і: "i",
  ї: "yi",
  є: "ye",
  ґ: "g",
};

/**
 * A slug suggested from a device's name while the slug field has not been edited:
 * "Лазерный резак" → "lazernyy-rezak", "Laser cutter #2" → "laser-cutter-2".
 */
export function slugFromName(name: string): string {
  const latin = [...name.toLowerCase()]
    .map((char) => cyrillic[char] ?? char)
    .join("")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "");
  return latin
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, DEVICE_SLUG_MAX)
    .replace(/^-+|-+$/g, "");
}

/** The permission a device requires when none is chosen, once the slug is a valid one. */
export function defaultRequiredPermission(slug: string): string | undefined {
  const trimmed = slug.trim();
  return DEVICE_SLUG_PATTERN.test(trimmed) ? devicePermission(trimmed) : undefined;
}

/** The values a new device's form starts with; the required permission is left to its default. */
export function newDeviceDefaults() {
  return {
    name: "",
    slug: "",
    location: undefined as string | undefined,
    required_permission: undefined as string | undefined,
  };
}

/** The fields of an existing device that can change; the slug is fixed. */
export function deviceEditDefaults(device: Device): Required<DevicePatch> {
  return {
    name: device.name,
    location: device.location,
    required_permission: device.required_permission,
  };
}
