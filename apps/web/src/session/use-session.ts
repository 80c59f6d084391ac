import { useSyncExternalStore } from "react";
import { getSessionStatus, subscribeSession, type SessionStatus } from "./session.ts";

export function useSessionStatus(): SessionStatus {
  return useSyncExternalStore(subscribeSession, getSessionStatus);
}
