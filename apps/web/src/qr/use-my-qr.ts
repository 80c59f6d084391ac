import { useQuery } from "@tanstack/react-query";
import { useEffect, useReducer, useState } from "react";

import { useTRPCClient } from "../trpc.ts";
import { qrImageUrl } from "./qr-image.ts";
import {
  msUntilNextSecond,
  pickQrWindow,
  renewalToAsk,
  toQrPair,
  type QrPair,
  type QrWindow,
} from "./qr-timing.ts";
import { serverNow } from "./server-clock.ts";

export interface ShownQr extends QrWindow {
  /** The code drawn, as an image address. */
  image: string;
}

/** Re-renders on every whole second of the server's clock, and at once when the tab is shown again. */
function useSecondTick() {
  const [, tick] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      timer = setTimeout(() => {
        tick();
        schedule();
      }, msUntilNextSecond(serverNow()));
    };
    // Background tabs get their timers slowed down: catch up the moment the tab is back.
    const onVisible = () => {
      if (document.visibilityState !== "visible") return;
      clearTimeout(timer);
      tick();
      schedule();
    };
    schedule();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, []);
}

/**
 * My QR code, renewed without a gap: both codes of a pair come with their pictures drawn, the
 * next one is shown the moment the current window ends, and a new pair is fetched behind it.
 */
export function useMyQr() {
  const client = useTRPCClient();
  useSecondTick();
  const query = useQuery({
    queryKey: ["me", "qr", "pictures"],
    queryFn: async (): Promise<QrPair<ShownQr>> => {
      const pair = toQrPair(await client.me.qr.query({}));
      const [current, next] = await Promise.all(
        [pair.current, pair.next].map(async (w) => ({ ...w, image: await qrImageUrl(w.code) })),
      );
      return { current: current!, next: next! };
    },
    // Every request issues new codes: renewal follows the windows, not the cache's notion of staleness.
    staleTime: Infinity,
    gcTime: 0,
  });
  const { data, isFetching, refetch } = query;
  const now = serverNow();
  /** The last window end a renewal was asked for, and when the last answer before it came. */
  const [asked, setAsked] = useState<{ due: number; answerAt: number } | null>(null);
  const answerAt = Math.max(query.dataUpdatedAt, query.errorUpdatedAt);
  const ask = data ? renewalToAsk(data, now, asked?.due ?? null) : null;
  // Noted while rendering, so that the page never shows a renewal due as a failure; the
  // effect below then asks.
  if (ask !== null && !isFetching && document.visibilityState !== "hidden") {
    setAsked({ due: ask, answerAt });
  }
  useEffect(() => {
    if (asked) void refetch({ cancelRefetch: false });
  }, [asked, refetch]);
  const awaitingAnswer = asked !== null && asked.answerAt === answerAt;

  // Codes seen before the tab was hidden may be long gone: ask for a fresh pair on return.
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === "visible") void refetch({ cancelRefetch: false });
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, [refetch]);

  const shown = data ? pickQrWindow(data, now) : null;
  // An ended pair whose renewal is due, or asked for and not answered yet, is not a failure.
  const renewing = isFetching || query.isPending || ask !== null || awaitingAnswer;
  return {
    shown,
    now,
    /** Nothing valid to show while a new pair is on its way. */
    waiting: !shown && renewing,
    /** Nothing valid to show, and the last answer did not help: a failure, or codes already over on arrival. */
    failed: !shown && !renewing,
    /** The last renewal failed while a code is still valid. */
    renewalFailed: shown !== null && query.isError,
    error: query.error,
    retry: () => void refetch(),
    retrying: isFetching,
  };
}
