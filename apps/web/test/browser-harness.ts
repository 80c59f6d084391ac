import { existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

import axe from "axe-core";
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";

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

/**
 * The app and the browser for the tests of one `describe`: started before them, stopped after.
 * Their fields are set once the `beforeAll` has run.
 */
export function webAppForTests(env: Record<string, string> = {}) {
  const app = {} as { server: TestServer; browser: Browser };
  beforeAll(async () => {
    Object.assign(app, await startWebApp(env));
  });
  afterAll(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  return app;
}

export const desktop = { width: 1280, height: 900 };
export const phone = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
} satisfies BrowserContextOptions;

/**
 * A page of a browser context of its own (English and a desktop screen unless told otherwise);
 * the page's uncaught errors are collected in `errors`, which a test expects to stay empty.
 */
export async function openPage(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: "en-US", viewport: desktop, ...options });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  return { context, page, errors };
}

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** An input by its label; a required field's label ends with an asterisk that screen readers skip. */
export const fieldIn = (within: Page | Locator, label: string) =>
  within.getByLabel(new RegExp(`^${escapeRegExp(label)}( \\*)?$`));

/** Waits until the first element with the text is visible. */
export const visibleIn = (within: Page | Locator, text: string | RegExp) =>
  within.getByText(text).first().waitFor({ state: "visible" });

/** A full-page screenshot, from the top so that the fixed header does not land mid-picture. */
/**
 * Opens an admin section as an account with several does: through the header's
 * Administration menu (`menu` names it in the page's language).
 */
export async function openAdminSection(page: Page, section: string, menu = "Administration") {
  await page
    .getByRole("navigation", { name: "Main navigation" })
    .getByRole("button", { name: menu })
    .click();
  await page.getByRole("menuitem", { name: section }).click();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${artifacts}${name}.png`, fullPage: true });
}

export interface Person {
  login: string;
  email: string;
  password: string;
  firstName: string;
  lastName: string;
}

/** Registers through the sign-up page and waits for the profile it leads to. */
export async function signUpThroughPage(page: Page, baseUrl: string, person: Person) {
  await page.goto(`${baseUrl}/sign-up`);
  await fieldIn(page, "Login").fill(person.login);
  await fieldIn(page, "Email").fill(person.email);
  await fieldIn(page, "Password").fill(person.password);
  await fieldIn(page, "First name").fill(person.firstName);
  await fieldIn(page, "Last name").fill(person.lastName);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/profile$/);
}

/** Signs in through the sign-in page (in English) and waits for the profile it leads to. */
export async function signInThroughPage(
  page: Page,
  baseUrl: string,
  login: string,
  password: string,
) {
  await page.goto(`${baseUrl}/sign-in`);
  await fieldIn(page, "Login or email").fill(login);
  await fieldIn(page, "Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).last().click();
  await page.waitForURL(/\/profile$/);
}

/** WCAG 2.1, levels A and AA. */
const wcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * Checks the page as it is now with axe-core against WCAG 2.1 A and AA, once what it shows has
 * settled (nothing loading, no transition running), and fails on any serious or critical
 * violation, naming each rule with the elements it found.
 */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  await page.waitForFunction(
    () =>
      document.querySelector('[aria-busy="true"]') === null &&
      document.getAnimations().every((animation) => animation.playState !== "running"),
  );
  // Evaluated rather than added as a script tag: the app's Content-Security-Policy forbids
  // inline scripts, and the test must not loosen it.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axe.source);
  const results = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: typeof axe }).axe.run(document, {
        runOnly: { type: "tag", values: tags },
        resultTypes: ["violations"],
      }),
    wcagTags,
  );
  const found = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({
        target: node.target.join(" "),
        html: node.html.slice(0, 200),
        summary: node.failureSummary,
      })),
    }));
  // Soft: a scenario goes on to its other pages, and the report names every page that fails.
  expect.soft(found, `accessibility of ${what} (${page.url()})`).toEqual([]);
}
