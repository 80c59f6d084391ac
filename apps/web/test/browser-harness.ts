import { existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { chromium, type Browser } from "playwright-core";

import { startTestServer, type TestServer } from "@kabinet/server/testing";

export const webDist = fileURLToPath(new URL("../dist/", import.meta.url));
/** Screenshots of the browser tests (git-ignored). */
export const artifacts = fileURLToPath(new URL("../test-artifacts/", import.meta.url));

const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * The built web app served by the whole API over a fresh database, and Debian's Chromium
 * (never a downloaded one) to drive it.
 */
export async function startWebApp(
  env: Record<string, string> = {},
): Promise<{ server: TestServer; browser: Browser }> {
  if (!existsSync(`${webDist}index.html`)) {
    throw new Error(
      "apps/web/dist is missing: run `pnpm --filter @kabinet/web build` before this test",
    );
  }
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `No Chromium at ${chromiumPath}: install Debian's package (apt-get install chromium) or set CHROMIUM_PATH`,
    );
  }
  mkdirSync(artifacts, { recursive: true });
  const server = await startTestServer({ NODE_ENV: "production", WEB_DIST: webDist, ...env });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-quic",
      "--no-first-run",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return { server, browser };
}
