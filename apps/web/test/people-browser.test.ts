import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";

import {
  fieldIn,
  openPage,
  phone as phoneScreen,
  screenshot,
  signUpThroughPage,
  visibleIn,
  webAppForTests,
} from "./browser-harness.ts";

const anna = {
  login: "anna.smirnova",
  email: "anna@example.org",
  password: "violet-Harbor-92-lantern",
  firstName: "Anna",
  lastName: "Smirnova",
};
const boris = {
  login: "boris.kuznetsov",
  email: "boris@example.org",
  password: "copper-Meadow-31-quill",
  firstName: "Boris",
  lastName: "Kuznetsov",
};
const annaName = `${anna.firstName} ${anna.lastName}`;
const borisName = `${boris.firstName} ${boris.lastName}`;

/** The narrowest phone the app is drawn for. */
const narrowPhone = { ...phoneScreen, viewport: { width: 375, height: 812 } };

/**
 * Two members find each other by name, become friends through a request and its acceptance,
 * see each other among their friends, and part again: Anna on a desktop, Boris on a phone.
 */
describe("people and friends in a browser", () => {
  const app = webAppForTests();
  let desk: Page;
  let phone: Page;
  let pageErrors: string[][];

  beforeAll(async () => {
    const first = await openPage(app.browser);
    const second = await openPage(app.browser, narrowPhone);
    desk = first.page;
    phone = second.page;
    pageErrors = [first.errors, second.errors];
  });

  const nav = () => desk.getByRole("navigation", { name: "Main navigation" });
  const status = (page: Page) => page.getByTestId("people-status");
  const friendStatus = (page: Page) => page.getByTestId("friend-status");
  const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent);
  /** Opens the phone's menu and follows one of its entries. */
  async function phoneMenu(name: string) {
    await phone.getByRole("button", { name: "Main navigation" }).click();
    await phone.getByRole("menuitem", { name }).click();
  }
  /** Searches by name on the people page, and waits for the search to have run. */
  async function search(page: Page, name: string) {
    await fieldIn(page, "Name").fill(name);
    await expect.poll(() => new URL(page.url()).searchParams.get("name")).toBe(name);
    await expect.poll(() => status(page).textContent()).toMatch(/^Found: \d+$/);
  }

  it("registers both members", async () => {
    await signUpThroughPage(desk, app.server.baseUrl, anna);
    await signUpThroughPage(phone, app.server.baseUrl, boris);
  });

  it("finds a person by part of the name, only from four characters, and keeps it in the address", async () => {
    await nav().getByRole("link", { name: "People" }).click();
    await desk.waitForURL(/\/people$/);
    await desk.getByRole("heading", { level: 1, name: "People" }).waitFor();
    await desk.getByRole("search").waitFor();

    await fieldIn(desk, "Name").fill("Kuz");
    await expect
      .poll(() => status(desk).textContent())
      .toBe("Type at least 4 characters to search.");
    expect(await desk.getByTestId("person-row").count()).toBe(0);

    await search(desk, "kuzn");
    const rows = desk.getByTestId("person-row");
    await expect.poll(() => rows.count()).toBe(1);
    expect(await status(desk).textContent()).toBe("Found: 1");
    await visibleIn(rows, borisName);
    // Someone without a picture shows their initials.
    expect(await rows.locator(".mantine-Avatar-root").textContent()).toBe("BK");

    await search(desk, "nobody-like-this");
    await desk.getByTestId("empty").waitFor();
    expect(await status(desk).textContent()).toBe("Found: 0");

    // The address holds the search: loading it again shows the same people.
    await desk.goto(`${app.server.baseUrl}/people?name=kuzn`);
    await expect.poll(() => fieldIn(desk, "Name").inputValue()).toBe("kuzn");
    await expect.poll(() => desk.getByTestId("person-row").count()).toBe(1);
    await screenshot(desk, "people-01-search");
  });

  it("sends a friend request from the person's profile", async () => {
    await desk.getByRole("link", { name: borisName }).click();
    await desk.waitForURL(/\/people\/\d+$/);
    await desk.getByRole("heading", { level: 1, name: borisName }).waitFor();
    await visibleIn(desk, "Karma: 0");
    expect(await friendStatus(desk).textContent()).toBe("You are not friends.");

    await desk.getByRole("button", { name: "Add friend" }).click();
    await expect
      .poll(() => friendStatus(desk).textContent())
      .toBe("Request sent; waiting for an answer.");
    // The button pressed gave way to the one that undoes it, and the focus went there.
    await expect.poll(() => focusedText(desk)).toBe("Cancel request");
    await screenshot(desk, "people-02-request-sent");

    await nav().getByRole("link", { name: "Friends" }).click();
    await desk.waitForURL(/\/friends$/);
    const sent = desk.getByTestId("outgoing-request");
    await visibleIn(sent, borisName);
    await visibleIn(sent, "Pending");
    await visibleIn(desk.getByTestId("friend-list"), "No friends here yet.");
    await visibleIn(desk.getByTestId("incoming-requests"), "No one is waiting for your answer.");
  });

  it("shows the request on the other side, counted in the menu, and accepts it", async () => {
    await phone.reload();
    await phone.getByTestId("profile-name").waitFor();
    await phoneMenu("Friends (new requests: 1)");
    await phone.waitForURL(/\/friends$/);
    const request = phone.getByTestId("incoming-request");
    await visibleIn(request, annaName);
    // Nothing wider than the phone's screen.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      375,
    );
    await screenshot(phone, "people-03-incoming-request");

    await request.getByRole("button", { name: `Accept: ${annaName}` }).click();
    const report = phone.getByTestId("friend-report");
    await visibleIn(report, `${annaName} is now your friend.`);
    await expect.poll(() => phone.evaluate(() => document.activeElement?.tagName)).toBe("DIV");
    await expect.poll(() => focusedText(phone)).toBe(`${annaName} is now your friend.`);
    await visibleIn(phone.getByTestId("friend"), annaName);
    await visibleIn(phone.getByTestId("incoming-requests"), "No one is waiting for your answer.");
    // No request is waiting any more: the menu's count is gone.
    await phone.getByRole("button", { name: "Main navigation" }).click();
    await phone.getByRole("menuitem", { name: "Friends", exact: true }).waitFor();
    await phone.keyboard.press("Escape");
    await screenshot(phone, "people-04-friends");
  });

  it("lists the new friend on the first side too, with no request left pending", async () => {
    await desk.reload();
    await visibleIn(desk.getByTestId("friend"), borisName);
    expect(await desk.getByTestId("outgoing-request").count()).toBe(0);
  });

  it("finds the friend by name in any case, and unfriends after confirming", async () => {
    await phoneMenu("People");
    await search(phone, "smirnova");
    await phone.getByRole("link", { name: annaName }).click();
    await phone.getByRole("heading", { level: 1, name: annaName }).waitFor();
    await expect.poll(() => friendStatus(phone).textContent()).toBe("You are friends.");

    await phone.getByRole("button", { name: "Unfriend" }).click();
    const dialog = phone.getByRole("dialog", { name: `Unfriend ${annaName}?` });
    await dialog.waitFor();
    await screenshot(phone, "people-05-unfriend");
    await dialog.getByRole("button", { name: "Unfriend" }).click();
    await dialog.waitFor({ state: "detached" });
    await expect.poll(() => friendStatus(phone).textContent()).toBe("You are not friends.");
    await expect.poll(() => focusedText(phone)).toBe("Add friend");

    await desk.reload();
    await visibleIn(desk.getByTestId("friend-list"), "No friends here yet.");
    await desk.getByTestId("friend-list").getByRole("link", { name: "Find people" }).click();
    await desk.waitForURL(/\/people$/);
  });

  it("offers one's own profile for editing instead of friendship, and says when no one is there", async () => {
    await search(desk, "Smirn");
    await desk.getByRole("link", { name: annaName }).click();
    await desk.getByRole("heading", { level: 1, name: annaName }).waitFor();
    await visibleIn(desk, "This is you: other members see your profile like this.");
    expect(await desk.getByTestId("friendship").count()).toBe(0);
    await desk.getByRole("link", { name: "Edit my profile" }).click();
    await desk.waitForURL(/\/profile$/);

    for (const path of ["/people/2147483647", "/people/not-a-number"]) {
      await desk.goto(`${app.server.baseUrl}${path}`);
      await desk.getByRole("heading", { level: 1, name: "No such person" }).waitFor();
    }
    await screenshot(desk, "people-06-not-found");
  });

  it("raised no errors in either browser", () => {
    expect(pageErrors).toEqual([[], []]);
  });
});
