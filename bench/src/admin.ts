import { performance } from "node:perf_hooks";

import { measureHttp } from "./load.ts";
import { p99AtMost, p99RatioAtMost, type Target } from "./report.ts";
import { seedAdminArea } from "./seed.ts";
import type { SeededSuiteInput, SuiteResult } from "./suite.ts";

/** How many times `next_cursor` is followed before the deep page is measured. */
export const DEEP_PAGES = 1000;
/** p99 targets, in milliseconds, and how much slower at p99 a deep page may be than the first. */
export const LOGS_P99_MS = 15;
export const USERS_SEARCH_P99_MS = 25;
export const DEEP_OVER_FIRST_P99 = 1.5;

interface Page {
  items: unknown[];
  next_cursor: string | null;
  total?: number;
}

async function getPage(url: string, headers: Record<string, string>): Promise<Page> {
  const res = await fetch(url, { headers });
  const text = await res.text();
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as Page;
}

/**
 * Follows `next_cursor` from the first page `pages` times, one request after another, and
 * returns the URL of the page reached (with its cursor), or of the last page if the list ends
 * sooner.
 */
async function walk(url: string, headers: Record<string, string>, pages: number) {
  const started = performance.now();
  let current = url;
  let followed = 0;
  while (followed < pages) {
    const page = await getPage(current, headers);
    if (!page.next_cursor) break;
    current = `${url}&cursor=${encodeURIComponent(page.next_cursor)}`;
    followed += 1;
  }
  return { url: current, followed, seconds: (performance.now() - started) / 1000 };
}

/** The admin area's read paths over a seeded database: audit log pages near and far, user search. */
export async function runAdmin(
  input: SeededSuiteInput,
): Promise<SuiteResult & { targets: Target[] }> {
  const { server, settings, load, adminToken, measure, progress } = input;
  const headers = { authorization: `Bearer ${adminToken}` };
  const seed = await seedAdminArea(
    server.database.db,
    { users: settings.users, logRows: settings.logRows },
    progress,
  );
  progress(
    `seeded ${seed.users} users in ${seed.usersSeconds.toFixed(1)} s, ${seed.logRows} log entries in ${seed.logSeconds.toFixed(1)} s, ` +
      `indexes rebuilt in ${seed.indexSeconds.toFixed(1)} s, analyzed in ${seed.analyzeSeconds.toFixed(1)} s: ${seed.totalSeconds.toFixed(1)} s in all`,
  );

  const logs = `${server.baseUrl}/rest/v1/logs`;
  const byUser = `${logs}?user_id=${seed.busyUserId}`;
  const byDevice = `${logs}?device_id=${seed.busyDeviceId}`;
  progress(
    `following next_cursor ${DEEP_PAGES} times for user_id=${seed.busyUserId} and for device_id=${seed.busyDeviceId}`,
  );
  const deepUser = await walk(byUser, headers, DEEP_PAGES);
  const deepDevice = await walk(byDevice, headers, DEEP_PAGES);
  const search = `${server.baseUrl}/rest/v1/users?q=${encodeURIComponent(seed.searchTerm)}`;
  const searchTotal = (await getPage(search, headers)).total ?? Number.NaN;

  const logsPage = (filter: string, url: string, page: number) =>
    measure(
      () =>
        measureHttp({ name: `REST GET /rest/v1/logs?${filter} page ${page}`, url, headers }, load),
      `GET /rest/v1/logs?${filter} page ${page}`,
    );
  const userFirst = await logsPage("user_id", byUser, 1);
  const userDeep = await logsPage("user_id", deepUser.url, deepUser.followed + 1);
  const deviceFirst = await logsPage("device_id", byDevice, 1);
  const deviceDeep = await logsPage("device_id", deepDevice.url, deepDevice.followed + 1);
  const users = await measure(
    () => measureHttp({ name: "REST GET /rest/v1/users?q", url: search, headers }, load),
    `GET /rest/v1/users?q=${seed.searchTerm}`,
  );

  return {
    context: {
      seeded_users: seed.users,
      seeded_log_rows: seed.logRows,
      seed_seconds: Number(seed.totalSeconds.toFixed(1)),
      seed_breakdown: `users ${seed.usersSeconds.toFixed(1)} s, log ${seed.logSeconds.toFixed(1)} s, indexes ${seed.indexSeconds.toFixed(1)} s, analyze ${seed.analyzeSeconds.toFixed(1)} s`,
      logs_user_id: `${seed.busyUserId} (${seed.busyUserRows} entries)`,
      logs_device_id: `${seed.busyDeviceId} (${seed.busyDeviceRows} entries)`,
      logs_deep_walk: `user_id: ${deepUser.followed} cursors in ${deepUser.seconds.toFixed(1)} s; device_id: ${deepDevice.followed} cursors in ${deepDevice.seconds.toFixed(1)} s`,
      users_q: seed.searchTerm,
      users_q_total: searchTotal,
    },
    measurements: [userFirst, userDeep, deviceFirst, deviceDeep, users],
    targets: [
      p99AtMost(userFirst, LOGS_P99_MS),
      p99AtMost(userDeep, LOGS_P99_MS),
      p99AtMost(deviceFirst, LOGS_P99_MS),
      p99AtMost(deviceDeep, LOGS_P99_MS),
      p99RatioAtMost(
        `logs?user_id page ${deepUser.followed + 1} / page 1`,
        userDeep,
        userFirst,
        DEEP_OVER_FIRST_P99,
      ),
      p99RatioAtMost(
        `logs?device_id page ${deepDevice.followed + 1} / page 1`,
        deviceDeep,
        deviceFirst,
        DEEP_OVER_FIRST_P99,
      ),
      p99AtMost(users, USERS_SEARCH_P99_MS),
    ],
  };
}
