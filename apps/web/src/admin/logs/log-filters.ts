import { LogFilter } from "@kabinet/contracts";

export const LOGS_PAGE_SIZE = 50;
export const LOG_EXPORT_PATH = "/rest/v1/logs/export.csv";

/** The order query parameters are written in, so equal filters give equal URLs. */
const filterKeys = [
  "user_id",
  "actor_id",
  "group_id",
  "device_id",
  "action",
  "from",
  "to",
  "order",
] as const satisfies ReadonlyArray<keyof LogFilter>;

export const defaultLogFilter: LogFilter = { order: "desc" };

/**
 * A `datetime-local` value (the reader's local time) as the ISO instant the API takes. An
 * empty input means "no bound"; text that is no date is passed on for the schema to refuse.
 */
export function localDateTimeToIso(value: unknown): unknown {
  if (value === "" || value === undefined || value === null) return undefined;
  if (typeof value !== "string") return value;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? value : time.toISOString();
}

/** The reverse, for putting an applied filter back into its input. */
export function isoToLocalDateTime(iso: string | undefined): string {
  if (!iso) return "";
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())}T${pad(time.getHours())}:${pad(time.getMinutes())}`;
}

/**
 * The filter an address asks for (`/admin/logs?device_id=3`, linked from a device's page);
 * the default one when it asks for nothing valid.
 */
export function logFilterFromParams(params: URLSearchParams): LogFilter {
  const raw: Record<string, unknown> = {};
  // Times are left out: the form shows them in local time, which an address cannot say.
  for (const key of ["user_id", "actor_id", "group_id", "device_id", "action", "order"] as const) {
    const value = params.get(key);
    if (value === null || value === "") continue;
    raw[key] = key.endsWith("_id") && /^[0-9]{1,10}$/.test(value) ? Number(value) : value;
  }
  const parsed = LogFilter.safeParse(raw);
  return parsed.success ? parsed.data : defaultLogFilter;
}

/** The filter as query parameters, leaving out what is not set. */
export function logFilterParams(filter: LogFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of filterKeys) {
    const value = filter[key];
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  return params;
}

/** The CSV export of exactly the entries the list shows. */
export function logExportUrl(filter: LogFilter): string {
  const query = logFilterParams(filter).toString();
  return query ? `${LOG_EXPORT_PATH}?${query}` : LOG_EXPORT_PATH;
}

/** The file name a `Content-Disposition` header suggests, or the fallback. */
export function filenameFromDisposition(header: string | null, fallback: string): string {
  const match = header ? /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(header) : null;
  const name = match?.[1] ? decodeURIComponent(match[1]).replace(/[/\\]/g, "_") : "";
  return name || fallback;
}

/** Details are free-form JSON; the table shows them on one line. */
export function compactJson(details: Record<string, unknown>): string {
  return Object.keys(details).length === 0 ? "" : JSON.stringify(details);
}
