import { useEffect, useRef } from "react";

import type { Pager } from "../admin/components/LoadMore.tsx";

/**
 * "Load more" that hands the focus on to the first person it brought, in the list `listRef`
 * holds: the button may be gone once the last page is in, and the reader should not be sent
 * back to the top of the page.
 */
export function usePagerFocus(query: Pager, count: number) {
  const listRef = useRef<HTMLUListElement>(null);
  const focusFrom = useRef<number | null>(null);
  useEffect(() => {
    const from = focusFrom.current;
    if (from === null || count <= from) return;
    focusFrom.current = null;
    listRef.current?.querySelectorAll<HTMLElement>("[data-person-link]")[from]?.focus();
  }, [count]);
  const pager: Pager = {
    hasNextPage: query.hasNextPage,
    isFetchingNextPage: query.isFetchingNextPage,
    isFetchNextPageError: query.isFetchNextPageError,
    error: query.error,
    fetchNextPage: () => {
      focusFrom.current = count;
      return query.fetchNextPage();
    },
  };
  return { listRef, pager };
}
