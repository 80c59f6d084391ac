import { useQueryClient } from "@tanstack/react-query";

import type { User } from "@kabinet/contracts";

import { useTRPC } from "../trpc.ts";

/**
 * After a change to one's own account (name, bio, avatar, a scan sent): the account is the
 * answer, and the public profile, which the server derives from it, is read afresh.
 */
export function useProfileSaved() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return (account?: User) => {
    if (account) queryClient.setQueryData(trpc.me.get.queryKey({}), account);
    else void queryClient.invalidateQueries({ queryKey: trpc.me.get.queryKey({}) });
    void queryClient.invalidateQueries({ queryKey: trpc.profiles.get.pathKey() });
  };
}
