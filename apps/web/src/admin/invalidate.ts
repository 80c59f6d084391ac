import { useQueryClient, type QueryKey } from "@tanstack/react-query";

/** Marks every query under the given keys stale (and refetches those on screen). */
export function useInvalidate() {
  const queryClient = useQueryClient();
  return (...keys: QueryKey[]) =>
    Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}
