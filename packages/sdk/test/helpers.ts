import { newUser as sampleUser, startTestServer, type TestServer } from "@kabinet/server/testing";

import type { FetchLike } from "../src/index.ts";

export { startTestServer, type TestServer };

/** A valid, unique sign-up input. */
export function newUser(overrides: Record<string, unknown> = {}) {
  return sampleUser(overrides, "sdk");
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the access tokens held now have expired (the server signs them with a 1 s
 * lifetime in whole seconds), then until just after a second boundary, so a token issued
 * next stays valid for most of a second.
 */
export async function letAccessTokensExpire(): Promise<void> {
  await sleep(1100);
  await startOfSecond();
}

/** Waits until just after the next second boundary. */
export function startOfSecond(): Promise<void> {
  return sleep(1030 - (Date.now() % 1000));
}

/** The global fetch, counting the requests made to each REST path. */
export function countingFetch() {
  const calls: Array<{ method: string; path: string; authorization: string | undefined }> = [];
  const fetch: FetchLike = (url, init) => {
    calls.push({
      method: init.method,
      path: new URL(url).pathname,
      authorization: init.headers.authorization,
    });
    return globalThis.fetch(url, init);
  };
  const count = (path: string) => calls.filter((c) => c.path === `/rest/v1${path}`).length;
  return { fetch, calls, count };
}
