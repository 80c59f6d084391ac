/** At most this many incoming requests are counted on the menu; more show as "9+". */
export const REQUEST_COUNT_MAX = 9;

/** The menu's count of incoming requests, from one short page of them; null for none. */
export function requestCountLabel(page: { items: unknown[]; next_cursor: string | null }) {
  const count = page.items.length;
  if (count === 0) return null;
  return count > REQUEST_COUNT_MAX || page.next_cursor !== null
    ? `${REQUEST_COUNT_MAX}+`
    : String(count);
}
