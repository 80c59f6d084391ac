import { useQueryClient } from "@tanstack/react-query";

import type { User } from "@kabinet/contracts";

import { useSignedInUser } from "../../components/SignedInArea.tsx";
import { useTRPC } from "../../trpc.ts";
import { useInvalidate } from "../invalidate.ts";

/** After a change to an account: its page shows the answer, lists and derived views reload. */
export function useUserSaved() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  const me = useSignedInUser();
  return (user: User) => {
    queryClient.setQueryData(trpc.users.get.queryKey({ id: user.id }), user);
    void invalidate(
      trpc.users.list.pathKey(),
      trpc.users.permissions.queryKey({ id: user.id }),
      trpc.groups.pathKey(),
      trpc.logs.pathKey(),
      ...(user.id === me.id ? [trpc.me.get.queryKey()] : []),
    );
  };
}
