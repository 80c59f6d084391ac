import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";

import {
  fieldIn,
  openAdminSection,
  openPage,
  screenshot,
  signInThroughPage,
  visibleIn,
  webAppForTests,
} from "./browser-harness.ts";
import { twoColourPng } from "./png.ts";

const reviewer = {
  login: "elena.reviewer",
  email: "elena@example.org",
  password: "violet-Harbor-92-lantern",
  first_name: "Elena",
  last_name: "Volkova",
};
const member = {
  login: "ivan.petrov",
  email: "ivan@example.org",
  password: "copper-Meadow-31-quill",
  first_name: "Ivan",
  last_name: "Petrov",
};
const other = {
  login: "olga.smirnova",
  email: "olga@example.org",
  password: "amber-Falcon-58-ridge",
  first_name: "Olga",
  last_name: "Smirnova",
};

describe("avatar, student-card confirmation and the review queue in a browser", () => {
  const app = webAppForTests();
  let memberPage: Page;
  let reviewerPage: Page;
  const errors: string[][] = [];
  let otherToken = "";
  let reviewerToken = "";
  let scanUrls: string[] = [];

  async function rest<T>(method: string, path: string, token: string | null, body?: unknown) {
    const response = await fetch(`${app.server.baseUrl}/rest/v1${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.ok, `${method} ${path}`).toBe(true);
    return (await response.json()) as T;
  }

  type Registered = { user: { id: number }; token: { access_token: string } };

  beforeAll(async () => {
    // The first account is the super administrator, who holds confirmations:review.
    reviewerToken = (await rest<Registered>("POST", "/auth/register", null, reviewer)).token
      .access_token;
    await rest("POST", "/auth/register", null, member);
    otherToken = (await rest<Registered>("POST", "/auth/register", null, other)).token.access_token;
    for (const opened of [await openPage(app.browser), await openPage(app.browser)])
      errors.push(opened.errors);
    memberPage = app.browser.contexts()[0]!.pages()[0]!;
    reviewerPage = app.browser.contexts()[1]!.pages()[0]!;
  });

  const url = (path: string) => `${app.server.baseUrl}${path}`;
  const card = (page: Page, name: string) => page.getByRole("region", { name });

  it("refuses a file that is not an image before sending it", async () => {
    await signInThroughPage(memberPage, app.server.baseUrl, member.login, member.password);
    const profile = card(memberPage, "Your public profile");
    await visibleIn(profile, "Ivan Petrov");
    await visibleIn(profile, "Not confirmed");
    await memberPage.locator('input[name="avatar"]').setInputFiles({
      name: "notes.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("not a picture"),
    });
    await visibleIn(profile.getByRole("alert"), "Choose a PNG, JPEG, WebP or GIF image.");
  });

  it("crops an avatar with the keyboard and shows it on the profile", async () => {
    await memberPage.locator('input[name="avatar"]').setInputFiles({
      name: "me.png",
      mimeType: "image/png",
      buffer: twoColourPng(),
    });
    const dialog = memberPage.getByRole("dialog", { name: "New avatar" });
    await dialog.waitFor();
    const preview = dialog.getByRole("img", { name: "Avatar preview" });
    await preview.waitFor();
    // Uncut, a landscape picture can move sideways only; zoomed in, up and down as well.
    const upDown = dialog.getByRole("slider", { name: "Vertical position" });
    expect(await upDown.count()).toBe(0);
    const zoom = dialog.getByRole("slider", { name: "Zoom" });
    await zoom.focus();
    await memberPage.keyboard.press("ArrowRight");
    await expect.poll(() => zoom.getAttribute("aria-valuenow")).toBe("1.05");
    await upDown.waitFor();
    const across = dialog.getByRole("slider", { name: "Horizontal position" });
    expect(await across.getAttribute("aria-valuenow")).toBe("0.5");
    await preview.focus();
    await memberPage.keyboard.press("ArrowLeft");
    await memberPage.keyboard.press("+");
    await expect.poll(() => zoom.getAttribute("aria-valuenow")).toBe("1.3");
    expect(Number(await across.getAttribute("aria-valuenow"))).toBeLessThan(0.5);
    await screenshot(memberPage, "confirmation-01-avatar-crop");
    await dialog.getByRole("button", { name: "Save avatar" }).click();
    await dialog.waitFor({ state: "detached" });

    const profile = card(memberPage, "Your public profile");
    await visibleIn(profile.getByRole("status"), "Avatar updated");
    const avatar = memberPage.getByTestId("public-avatar").locator("img");
    await expect.poll(() => avatar.getAttribute("src")).toMatch(/^\/media\/[0-9a-f-]+\.webp$/);
    await expect
      .poll(() => avatar.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBe(512);
  });

  it("sends a student-card scan, saying first that it is private, and shows it under review", async () => {
    const section = card(memberPage, "Student card");
    await visibleIn(section.getByTestId("confirmation-status"), "Not sent");
    await visibleIn(section, /deleted as soon as it has been reviewed/);
    await memberPage.locator('input[name="scan"]').setInputFiles({
      name: "card.png",
      mimeType: "image/png",
      buffer: twoColourPng(200, 120),
    });
    await visibleIn(section.getByTestId("scan-ready"), "Ready to send: card.png");
    await section.getByRole("button", { name: "Send for review" }).click();
    await visibleIn(section.getByRole("status"), "Scan sent");
    await visibleIn(section.getByTestId("confirmation-status"), "Under review");
    await screenshot(memberPage, "confirmation-02-sent");

    // Another member's scan waits behind it; nobody without a session can open either.
    await rest("PUT", "/me/confirmation", otherToken, {
      image: twoColourPng(120, 90).toString("base64"),
    });
    type Queue = { items: Array<{ id: number; scan_url: string; user: { login: string } }> };
    const queue = await rest<Queue>("GET", "/confirmations", reviewerToken);
    expect(queue.items.map((item) => item.user.login)).toEqual([member.login, other.login]);
    scanUrls = queue.items.map((item) => item.scan_url);
    const withToken = { headers: { authorization: `Bearer ${reviewerToken}` } };
    for (const scan of scanUrls) {
      expect((await fetch(url(scan))).status).toBe(404);
      const seen = await fetch(url(scan), withToken);
      expect(seen.status).toBe(200);
      expect(seen.headers.get("cache-control")).toBe("private, no-store");
    }
  });

  it("lets the reviewer view the scan and approve it", async () => {
    await signInThroughPage(reviewerPage, app.server.baseUrl, reviewer.login, reviewer.password);
    await openAdminSection(reviewerPage, "Confirmations");
    await reviewerPage.waitForURL(/\/admin\/confirmations$/);
    await reviewerPage
      .getByRole("heading", { level: 1, name: "Student-card confirmations" })
      .waitFor();
    const items = reviewerPage.getByTestId("review-item");
    await expect.poll(() => items.count()).toBe(2);
    const first = reviewerPage.getByRole("article", { name: "Ivan Petrov" });
    await first.getByRole("button", { name: "Show scan" }).click();
    const scan = first.getByRole("img", { name: "Student card scan of Ivan Petrov" });
    await expect
      .poll(() => scan.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
    expect(await scan.getAttribute("src")).toMatch(/^data:image\/webp;base64,/);
    await screenshot(reviewerPage, "confirmation-03-queue");
    // Approving asks first; cancelling decides nothing.
    const dialog = reviewerPage.getByRole("dialog", { name: "Approve the request of Ivan Petrov" });
    await first.getByRole("button", { name: "Approve" }).click();
    await visibleIn(dialog, "the scan is deleted");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    expect(await items.count()).toBe(2);
    type Queue = { items: unknown[] };
    expect((await rest<Queue>("GET", "/confirmations", reviewerToken)).items).toHaveLength(2);

    await first.getByRole("button", { name: "Approve" }).click();
    await visibleIn(dialog, "the scan is deleted");
    await screenshot(reviewerPage, "confirmation-03-approve-dialog");
    await dialog.getByRole("button", { name: "Approve" }).click();
    await visibleIn(reviewerPage.getByTestId("review-outcome"), "Ivan Petrov is confirmed.");
    await expect.poll(() => items.count()).toBe(1);
  });

  it("asks for a reason to reject, and says so when another reviewer decided first", async () => {
    const second = reviewerPage.getByRole("article", { name: "Olga Smirnova" });
    await second.getByRole("button", { name: "Reject" }).click();
    const dialog = reviewerPage.getByRole("dialog", {
      name: "Reject the request of Olga Smirnova",
    });
    await dialog.getByRole("button", { name: "Reject" }).click();
    await visibleIn(dialog, "Required");

    // Meanwhile the request is decided elsewhere.
    type Queue = { items: Array<{ id: number }> };
    const [pending] = (await rest<Queue>("GET", "/confirmations", reviewerToken)).items;
    await rest("POST", `/confirmations/${pending!.id}/approve`, reviewerToken, {});

    await fieldIn(dialog, "Reason").fill("The photo is blurred");
    await dialog.getByRole("button", { name: "Reject" }).click();
    await dialog.waitFor({ state: "detached" });
    await visibleIn(
      reviewerPage.getByTestId("review-outcome"),
      "Another reviewer has already decided the request of Olga Smirnova.",
    );
    await visibleIn(reviewerPage.getByTestId("empty"), "No requests are waiting for review.");
    await screenshot(reviewerPage, "confirmation-04-queue-empty");
  });

  it("shows the member confirmed, and the scan is gone", async () => {
    await memberPage.goto(url("/profile"));
    const profile = card(memberPage, "Your public profile");
    await profile.getByTestId("confirmed-badge").getByText("Confirmed student").waitFor();
    const section = card(memberPage, "Student card");
    await visibleIn(section.getByTestId("confirmation-status"), "Confirmed");
    await visibleIn(section.getByTestId("confirmation-detail"), /^You are confirmed until /);
    await screenshot(memberPage, "confirmation-05-confirmed");
    type Mine = { status: string };
    expect((await rest<Mine>("GET", "/me/confirmation", otherToken)).status).toBe("approved");
    const withToken = { headers: { authorization: `Bearer ${reviewerToken}` } };
    for (const scan of scanUrls) expect((await fetch(url(scan), withToken)).status).toBe(404);
    expect(errors.flat()).toEqual([]);
  });
});
