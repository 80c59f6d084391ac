import { useQueryClient } from "@tanstack/react-query";
import { useSyncExternalStore } from "react";

import type { AuthResult } from "@kabinet/contracts";

import { useTRPC } from "../trpc.ts";
import { getSessionStatus, startSession, subscribeSession, type SessionStatus } from "./session.ts";

export function useSessionStatus(): SessionStatus {
  return useSyncExternalStore(subscribeSession, getSessionStatus);
}

/** What a successful sign-in or sign-up does: the account is known, the session starts. */
export function useSignedIn() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return ({ user, token }: AuthResult) => {
    queryClient.setQueryData(trpc.me.get.queryKey({}), user);
    startSession(token);
  };
}
