import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, expect, test } from "vitest";

import { legacyApis } from "@kabinet/contracts";

import { startTestServer, type TestServer } from "./helpers.ts";

/**
 * Paths that belong to an API never fall through to the web app's page, even where the server
 * serves the built app and answers every other path with it.
 */
let server: TestServer;
let webDist: string;

beforeAll(async () => {
  webDist = mkdtempSync(path.join(tmpdir(), "kabinet-web-"));
  writeFileSync(path.join(webDist, "index.html"), "<!doctype html><title>Kabinet</title>");
  server = await startTestServer({ NODE_ENV: "production", WEB_DIST: webDist });
});
afterAll(async () => {
  await server.close();
  rmSync(webDist, { recursive: true, force: true });
});

const apiPrefixes = [
  "/rest/",
  "/trpc/",
  "/media/",
  "/ws/",
  ...legacyApis.flatMap((api) => api.prefixes),
];

test("the web app answers its own paths with its page", async () => {
  for (const page of ["/", "/profile", "/admin/users/3"]) {
    const res = await fetch(`${server.baseUrl}${page}`);
    expect(res.status, page).toBe(200);
    expect(res.headers.get("content-type"), page).toMatch(/^text\/html/);
  }
});

test("an unknown path under every API prefix is a JSON 404, never the page", async () => {
  for (const prefix of apiPrefixes)
    for (const method of ["GET", "POST"]) {
      const url = `${server.baseUrl}${prefix}no-such-thing/here`;
      const res = await fetch(
        url,
        method === "GET"
          ? { method }
          : { method, headers: { "content-type": "application/json" }, body: "{}" },
      );
      const text = await res.text();
      expect(res.status, `${method} ${prefix}`).toBe(404);
      expect(res.headers.get("content-type"), `${method} ${prefix}`).toMatch(/json/);
      expect(text).not.toContain("<!doctype html>");
    }
});
