import { useInfiniteQuery } from "@tanstack/react-query";

import type { RequestDirection } from "@kabinet/contracts";

import { useTRPC, useTRPCClient } from "../trpc.ts";

/**
 * The friend requests of one direction, page by page. tRPC's own infinite queries keep the
 * names `direction` and `cursor` for their paging, so they would drop this operation's
 * `direction` from the input and from the cache key (incoming and outgoing would share both):
 * the pages are fetched here, under a key that still begins with the operation's path, which
 * invalidating `friends.requests` reaches.
 */
export function useRequestPages(direction: RequestDirection, limit: number) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  return useInfiniteQuery({
    queryKey: [...trpc.friends.requests.pathKey(), { input: { direction, limit }, type: "pages" }],
    queryFn: ({ pageParam }) =>
      client.friends.requests.query({ direction, limit, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}
