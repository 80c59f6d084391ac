/**
 * The server's clock as seen from here. QR windows are judged by the server, so a countdown
 * and the choice between the current and the next code must follow its time, not a device
 * clock that may be minutes off. Estimated from the `Date` header of API answers.
 */
let offsetMs = 0;

/**
 * The server's time minus local time, from a `Date` header and the local times a request was
 * sent and answered. The header is whole seconds, so the server's moment lies in
 * [date, date + 1 s) and somewhere within the round trip: while the local clock fits that
 * range it is trusted (it is the finer one), otherwise the middle of the range is taken.
 */
export function estimateClockOffset(
  dateHeader: string | null,
  sentAtMs: number,
  receivedAtMs: number,
): number | undefined {
  if (!dateHeader) return undefined;
  const date = Date.parse(dateHeader);
  if (Number.isNaN(date) || receivedAtMs < sentAtMs) return undefined;
  const low = date - receivedAtMs;
  const high = date + 1000 - sentAtMs;
  if (low <= 0 && high >= 0) return 0;
  return Math.round((low + high) / 2);
}

export function recordServerDate(
  dateHeader: string | null,
  sentAtMs: number,
  receivedAtMs: number,
): void {
  const estimate = estimateClockOffset(dateHeader, sentAtMs, receivedAtMs);
  if (estimate !== undefined) offsetMs = estimate;
}

export function serverNow(): number {
  return Date.now() + offsetMs;
}

/** A `fetch` that notes the server's clock from every answer. */
export const clockedFetch: typeof fetch = async (input, init) => {
  const sentAt = Date.now();
  const response = await fetch(input, init);
  recordServerDate(response.headers.get("date"), sentAt, Date.now());
  return response;
};
