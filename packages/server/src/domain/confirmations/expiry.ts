/**
 * When confirmations end: once a year on one date (`CONFIRMATION_EXPIRES_ON`, `MM-DD`), at
 * midnight UTC. An approval holds until the first such date after it; an approval given on
 * the date itself holds a whole year.
 */

export const EXPIRY_DATE_PATTERN = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Whether `MM-DD` names a day every year has (29 February does not). */
export function isYearlyDate(monthDay: string): boolean {
  const match = EXPIRY_DATE_PATTERN.exec(monthDay);
  if (!match) return false;
  const month = Number(match[1]);
  const day = Number(match[2]);
  const probe = new Date(Date.UTC(2001, month - 1, day));
  return probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

/** The first expiry date strictly after `from`. */
export function confirmationExpiry(from: Date, monthDay: string): Date {
  const [month, day] = monthDay.split("-").map(Number) as [number, number];
  const year = from.getUTCFullYear();
  const thisYear = new Date(Date.UTC(year, month - 1, day));
  return thisYear > from ? thisYear : new Date(Date.UTC(year + 1, month - 1, day));
}
