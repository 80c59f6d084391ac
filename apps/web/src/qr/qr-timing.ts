import type { MyQr } from "@kabinet/contracts";

/** One code and its window, in epoch seconds as the API gives them. */
export interface QrWindow {
  code: string;
  time_start: number;
  time_expire: number;
}

/** The code of the current window and the one issued ahead for the next. */
export interface QrPair<W extends QrWindow = QrWindow> {
  current: W;
  next: W;
}

export function toQrPair(qr: MyQr): QrPair {
  const { next, ...current } = qr;
  return { current, next };
}

/**
 * The code to show at `nowMs` (server time): the current one until its window ends, then the
 * next one; none once both have ended. A clock running behind the server's still shows the
 * current code: the server issued it as current.
 */
export function pickQrWindow<W extends QrWindow>(pair: QrPair<W>, nowMs: number): W | null {
  const now = nowMs / 1000;
  if (now < pair.current.time_expire) return pair.current;
  if (now < pair.next.time_expire) return pair.next;
  return null;
}

/** Whole seconds left in the window, counting the second under way. */
export function secondsLeft(window: QrWindow, nowMs: number): number {
  return Math.max(0, Math.ceil(window.time_expire - nowMs / 1000));
}

/** A countdown as mm:ss (minutes past 59 are kept: 75:00). */
export function formatCountdown(seconds: number): string {
  const whole = Number.isFinite(seconds) ? Math.max(0, Math.floor(seconds)) : 0;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(Math.floor(whole / 60))}:${pad(whole % 60)}`;
}

/** The share of the window still ahead, 0–100, for a progress bar. */
export function remainingPercent(window: QrWindow, nowMs: number): number {
  const length = window.time_expire - window.time_start;
  if (length <= 0) return 0;
  const left = window.time_expire - nowMs / 1000;
  return Math.min(100, Math.max(0, (left / length) * 100));
}

/**
 * Which window end calls for a new pair at `nowMs`, or null while the current window lasts.
 * Once the current window has ended the next code is on screen and a new pair is fetched in
 * the background; if the next one has ended too, nothing valid is left. The answer names the
 * window end, so a caller renews once per end and a pair that arrives already due (a request
 * that crossed a window's end, a clock far off) is not asked for again and again.
 */
export function renewalDue(pair: QrPair, nowMs: number): number | null {
  const now = nowMs / 1000;
  if (now < pair.current.time_expire) return null;
  return now < pair.next.time_expire ? pair.current.time_expire : pair.next.time_expire;
}

/** The window end to ask for a new pair for now, or null: none is due, or that end has been asked for already. */
export function renewalToAsk(pair: QrPair, nowMs: number, lastAsked: number | null): number | null {
  const due = renewalDue(pair, nowMs);
  return due === lastAsked ? null : due;
}

/** Delay to the next whole second: windows start and end on whole seconds, so ticks meet them exactly. */
export function msUntilNextSecond(nowMs: number): number {
  const into = ((nowMs % 1000) + 1000) % 1000;
  return 1000 - Math.floor(into);
}
