import { createTRPCClient, TRPCClientError, type TRPCLink } from "@trpc/client";
import { observable } from "@trpc/server/observable";
import { beforeEach, describe, expect, it, vi } from "vitest";

import type { AppRouter } from "@kabinet/contracts";

import { initialLanguage } from "../src/i18n/language.ts";
import { authRetryLink } from "../src/session/auth-retry-link.ts";
import { refreshDelayMs } from "../src/session/refresh-timing.ts";
import { refreshSession } from "../src/session/session.ts";

vi.mock("../src/session/session.ts", () => ({ refreshSession: vi.fn() }));

describe("refresh timing", () => {
  it("refreshes a minute before expiry, or halfway through a short lifetime", () => {
    expect(refreshDelayMs(900)).toBe(840_000);
    expect(refreshDelayMs(60)).toBe(30_000);
    expect(refreshDelayMs(1)).toBe(1_000);
  });
});

describe("initial language", () => {
  const storage = (value: string | null) => ({ getItem: () => value });
  it("prefers the saved choice, then Russian for any ru browser, else English", () => {
    expect(initialLanguage(storage("en"), "ru-RU")).toBe("en");
    expect(initialLanguage(storage(null), "ru-RU")).toBe("ru");
    expect(initialLanguage(storage("de"), "ru")).toBe("ru");
    expect(initialLanguage(storage(null), "de-DE")).toBe("en");
    expect(initialLanguage(undefined, undefined)).toBe("en");
  });
});

describe("retry after refresh", () => {
  const stale = () =>
    TRPCClientError.from({
      error: {
        code: -32001,
        message: "expired",
        data: { code: "UNAUTHORIZED", httpStatus: 401, problem: "invalid_token" },
      },
    });
  let calls: string[];
  let failuresLeft: number;

  /** Answers every call, failing the first `failuresLeft` with a stale-token 401. */
  const fakeApi: TRPCLink<AppRouter> =
    () =>
    ({ op }) =>
      observable((observer) => {
        calls.push(op.path);
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          observer.error(stale());
          return;
        }
        observer.next({ result: { type: "data", data: { ok: true } } });
        observer.complete();
      });
  const client = createTRPCClient<AppRouter>({ links: [authRetryLink(), fakeApi] });

  beforeEach(() => {
    calls = [];
    vi.mocked(refreshSession).mockReset();
  });

  it("refreshes once and repeats the call", async () => {
    failuresLeft = 1;
    vi.mocked(refreshSession).mockResolvedValue(true);
    await expect(client.me.permissions.query({})).resolves.toEqual({ ok: true });
    expect(calls).toEqual(["me.permissions", "me.permissions"]);
    expect(refreshSession).toHaveBeenCalledTimes(1);
  });

  it("gives up after one retry", async () => {
    failuresLeft = 2;
    vi.mocked(refreshSession).mockResolvedValue(true);
    await expect(client.me.permissions.query({})).rejects.toThrow("expired");
    expect(calls).toHaveLength(2);
  });

  it("does not repeat the call when the session cannot be refreshed", async () => {
    failuresLeft = 1;
    vi.mocked(refreshSession).mockResolvedValue(false);
    await expect(client.me.permissions.query({})).rejects.toThrow("expired");
    expect(calls).toEqual(["me.permissions"]);
  });

  it("never retries the sign-in operations themselves", async () => {
    failuresLeft = 1;
    await expect(client.auth.logout.mutate({})).rejects.toThrow("expired");
    expect(refreshSession).not.toHaveBeenCalled();
  });
});
