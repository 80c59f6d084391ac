import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";

import { schema, sql } from "@kabinet/db";

import {
  fieldIn,
  openAdminSection,
  openPage,
  signInThroughPage,
  signUpThroughPage,
  visibleIn,
  webAppForTests,
} from "./browser-harness.ts";
import { twoColourPng } from "./png.ts";

const reviewer = {
  login: "vera.reviewer",
  email: "vera@example.org",
  password: "violet-Harbor-92-lantern",
  first_name: "Vera",
  last_name: "Orlova",
};
const maria = {
  login: "maria.ivanova",
  email: "maria@example.org",
  password: "copper-Meadow-31-quill",
  firstName: "Maria",
  lastName: "Ivanova",
};
const pavel = {
  login: "pavel.sokolov",
  email: "pavel@example.org",
  password: "amber-Falcon-58-ridge",
  firstName: "Pavel",
  lastName: "Sokolov",
};
const mariaName = "Maria Ivanova";
const pavelName = "Pavel Sokolov";

/**
 * One story end to end, as new members live it: two members find each other by name and
 * become friends, give themselves avatars that show wherever they appear, one has a student
 * card confirmed by a reviewer working through the queue (and the scan leaves storage), and a
 * client of the original community API sees all of it through its own paths.
 */
describe("members, friends, avatars and a confirmed card, end to end", () => {
  const app = webAppForTests();
  let mariaPage: Page;
  let pavelPage: Page;
  let reviewerPage: Page;
  const pageErrors: string[][] = [];
  let pavelId = 0;
  let pavelPic = "";
  let mariaPic = "";

  const url = (path: string) => `${app.server.baseUrl}${path}`;
  const nav = (page: Page) => page.getByRole("navigation", { name: "Main navigation" });
  const avatarOf = (row: ReturnType<Page["getByTestId"]>) => row.locator("img").first();

  /** A client of the original community API, signed in with an access token. */
  async function community<T>(token: string, method: "GET" | "POST", path: string, form = {}) {
    const query = method === "GET" ? `?${new URLSearchParams(form)}` : "";
    const response = await fetch(url(`${path}${query}`), {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(method === "POST" ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      body: method === "POST" ? new URLSearchParams(form).toString() : undefined,
    });
    const body = (await response.json()) as { error: number; error_msg: string; response: T };
    expect(body.error, `${path}: ${body.error_msg}`).toBe(0);
    return body.response;
  }

  async function accessToken(login: string, password: string): Promise<string> {
    const response = await fetch(url("/rest/v1/auth/login"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ login, password }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { token: { access_token: string } }).token.access_token;
  }

  async function uploadAvatar(page: Page): Promise<string> {
    await page.goto(url("/profile"));
    await page.locator('input[name="avatar"]').setInputFiles({
      name: "me.png",
      mimeType: "image/png",
      buffer: twoColourPng(),
    });
    const dialog = page.getByRole("dialog", { name: "New avatar" });
    await dialog.getByRole("img", { name: "Avatar preview" }).waitFor();
    await dialog.getByRole("button", { name: "Save avatar" }).click();
    await dialog.waitFor({ state: "detached" });
    const avatar = page.getByTestId("public-avatar").locator("img");
    await expect.poll(() => avatar.getAttribute("src")).toMatch(/^\/media\/[0-9a-f-]+\.webp$/);
    return (await avatar.getAttribute("src"))!;
  }

  beforeAll(async () => {
    // The first account is the super administrator, who reviews confirmations.
    const registered = await fetch(url("/rest/v1/auth/register"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(reviewer),
    });
    expect(registered.status).toBe(201);
    const pages = [];
    for (let n = 0; n < 3; n++) pages.push(await openPage(app.browser));
    [mariaPage, pavelPage, reviewerPage] = pages.map((opened) => opened.page) as [Page, Page, Page];
    pageErrors.push(...pages.map((opened) => opened.errors));
  });

  it("two new members find each other by name and become friends", async () => {
    await signUpThroughPage(mariaPage, app.server.baseUrl, maria);
    await signUpThroughPage(pavelPage, app.server.baseUrl, pavel);

    await nav(mariaPage).getByRole("link", { name: "People" }).click();
    await fieldIn(mariaPage, "Name").fill("soko");
    await mariaPage.getByRole("link", { name: pavelName }).click();
    await mariaPage.getByRole("heading", { level: 1, name: pavelName }).waitFor();
    pavelId = Number(new URL(mariaPage.url()).pathname.split("/").pop());
    await mariaPage.getByRole("button", { name: "Add friend" }).click();
    await expect
      .poll(() => mariaPage.getByTestId("friend-status").textContent())
      .toBe("Request sent; waiting for an answer.");

    await nav(pavelPage)
      .getByRole("link", { name: /^Friends/ })
      .click();
    await pavelPage
      .getByTestId("incoming-request")
      .getByRole("button", { name: `Accept: ${mariaName}` })
      .click();
    await visibleIn(pavelPage.getByTestId("friend"), mariaName);
  });

  it("gives both an avatar that shows on lists, search and the public profile", async () => {
    mariaPic = await uploadAvatar(mariaPage);
    pavelPic = await uploadAvatar(pavelPage);
    expect(mariaPic).not.toBe(pavelPic);

    await mariaPage.goto(url("/friends"));
    await expect
      .poll(() => avatarOf(mariaPage.getByTestId("friend")).getAttribute("src"))
      .toBe(pavelPic);
    await mariaPage.goto(url("/people?name=soko"));
    await expect
      .poll(() => avatarOf(mariaPage.getByTestId("person-row")).getAttribute("src"))
      .toBe(pavelPic);
    await pavelPage.goto(url("/friends"));
    await expect
      .poll(() => avatarOf(pavelPage.getByTestId("friend")).getAttribute("src"))
      .toBe(mariaPic);
    // The picture is served as what it is, cacheable for good.
    const served = await fetch(url(pavelPic));
    expect(served.headers.get("content-type")).toBe("image/webp");
    expect(served.headers.get("cache-control")).toMatch(/immutable/);
  });

  it("confirms Pavel's student card through the review queue, and the scan leaves storage", async () => {
    await pavelPage.goto(url("/profile"));
    await pavelPage.locator('input[name="scan"]').setInputFiles({
      name: "card.png",
      mimeType: "image/png",
      buffer: twoColourPng(200, 120),
    });
    const section = pavelPage.getByRole("region", { name: "Student card" });
    await section.getByRole("button", { name: "Send for review" }).click();
    await visibleIn(section.getByTestId("confirmation-status"), "Under review");

    const scans = () =>
      app.server.database.db
        .select({ count: sql<number>`count(*)::int` })
        .from(schema.media)
        .where(sql`${schema.media.kind} = 'scan' and ${schema.media.ownerId} = ${pavelId}`);
    expect(await scans()).toEqual([{ count: 1 }]);

    await signInThroughPage(reviewerPage, app.server.baseUrl, reviewer.login, reviewer.password);
    await openAdminSection(reviewerPage, "Confirmations");
    const request = reviewerPage.getByRole("article", { name: pavelName });
    await request.getByRole("button", { name: "Show scan" }).click();
    await request.getByRole("img", { name: `Student card scan of ${pavelName}` }).waitFor();
    await request.getByRole("button", { name: "Approve" }).click();
    await reviewerPage
      .getByRole("dialog", { name: `Approve the request of ${pavelName}` })
      .getByRole("button", { name: "Approve" })
      .click();
    await visibleIn(reviewerPage.getByTestId("review-outcome"), `${pavelName} is confirmed.`);
    await visibleIn(reviewerPage.getByTestId("empty"), "No requests are waiting for review.");

    expect(await scans()).toEqual([{ count: 0 }]);
  });

  it("shows the confirmed badge on Pavel's public profile to his friend", async () => {
    await mariaPage.goto(url(`/people/${pavelId}`));
    await mariaPage.getByRole("heading", { level: 1, name: pavelName }).waitFor();
    await visibleIn(mariaPage.getByTestId("confirmed-badge"), "Confirmed student");
    await expect
      .poll(() => mariaPage.getByTestId("friend-status").textContent())
      .toBe("You are friends.");
  });

  it("shows a client of the community API the same, and its changes reach the web app", async () => {
    const token = await accessToken(maria.login, maria.password);
    const found = await community<{ users: Array<{ user_id: number; display_name: string }> }>(
      token,
      "GET",
      "/api/profile/FindByName",
      { display_name_part: "soko" },
    );
    expect(found.users).toEqual([{ user_id: pavelId, display_name: pavelName }]);

    const profile = await community<Record<string, unknown>>(
      token,
      "GET",
      "/api/profile/GetProfile",
      { user_id: String(pavelId) },
    );
    expect(profile).toMatchObject({ display_name: pavelName, confirmed: true, karma: 0 });
    expect(new URL(String(profile.pic), app.server.baseUrl).pathname).toBe(pavelPic);

    const { friends } = await community<{ friends: unknown[] }>(
      token,
      "GET",
      "/api/friends/GetFriendList",
    );
    expect(friends).toEqual([{ user_id: pavelId, display_name: pavelName, pending: false }]);

    // Pavel's own client writes his bio; his friend's browser shows it.
    const pavelToken = await accessToken(pavel.login, pavel.password);
    await community(pavelToken, "POST", "/api/profile/UpdateProfileInfo", {
      bio: "Physics, second year",
    });
    await mariaPage.reload();
    await visibleIn(mariaPage.getByRole("main"), "Physics, second year");
  });

  it("raised no errors in any browser", () => {
    expect(pageErrors).toEqual([[], [], []]);
  });
});
