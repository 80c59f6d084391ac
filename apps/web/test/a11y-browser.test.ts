import { Buffer } from "node:buffer";

import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";

import en from "../src/i18n/en.json";
import ru from "../src/i18n/ru.json";
import {
  desktop,
  expectAccessible,
  openPage,
  phone,
  screenshot,
  webAppForTests,
} from "./browser-harness.ts";

const owner = {
  login: "irina.owner",
  email: "irina@example.org",
  password: "violet-Harbor-92-lantern",
  first_name: "Irina",
  last_name: "Morozova",
};
const member = {
  login: "petr.member",
  email: "petr@example.org",
  password: "copper-Meadow-31-quill",
  first_name: "Petr",
  last_name: "Lebedev",
};

/** Owner's friend, and someone the owner asked to be friends. */
const friend = {
  login: "daria.friend",
  email: "daria@example.org",
  password: "amber-Falcon-58-ridge",
  first_name: "Daria",
  last_name: "Zaitseva",
};
const asked = {
  login: "egor.asked",
  email: "egor@example.org",
  password: "silver-Canyon-47-maple",
  first_name: "Egor",
  last_name: "Volkov",
};

const groupName = "Laser cutter trained";

/** A 2×2 PNG, for an avatar to crop and a student-card scan to review. */
const tinyPng = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGM4YWMDRAwQCgAlPgUBdJmUYAAAAABJRU5ErkJggg==",
  "base64",
);
const deviceName = "Laser cutter";

const screens = [
  { name: "desktop", options: { viewport: desktop } },
  { name: "phone", options: phone },
] as const;
const languages = [
  { language: "en", locale: "en-US", texts: en },
  { language: "ru", locale: "ru-RU", texts: ru },
] as const;

/**
 * Every page of the app, signed out and signed in, in both languages on a desktop and a phone
 * screen, checked with axe-core for WCAG 2.1 AA; and some states a page can be in: a refused
 * sign-in, a form's field errors, the profile's edit form, the phone's menu, a dialog, a scan.
 */
describe("accessibility of every page", () => {
  const app = webAppForTests();
  const ids = { member: 0, friend: 0, group: 0, device: 0 };

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

  beforeAll(async () => {
    // Something on every page: an account besides the owner's, a group with it, a device.
    type Registered = { user: { id: number }; token: { access_token: string } };
    const { token, user: ownerUser } = await rest<Registered>(
      "POST",
      "/auth/register",
      null,
      owner,
    );
    const admin = token.access_token;
    const registered = await rest<Registered>("POST", "/auth/register", null, member);
    ids.member = registered.user.id;
    // A light colour of one's own: the initials on it must still be readable.
    await rest("PATCH", "/me", registered.token.access_token, { background_color: "#ffd43b" });
    // A request in the review queue.
    await rest("PUT", "/me/confirmation", registered.token.access_token, {
      image: tinyPng.toString("base64"),
    });
    ids.group = (
      await rest<{ id: number }>("POST", "/groups", admin, {
        name: groupName,
        description: "Members who passed the laser cutter course",
        permissions: ["device:laser-cutter:use", "events:mark"],
      })
    ).id;
    await rest("PUT", `/groups/${ids.group}/members/${ids.member}`, admin);
    // Someone in every list of the friends page: a friend, a request to answer, one sent.
    const daria = await rest<Registered>("POST", "/auth/register", null, friend);
    const egor = await rest<Registered>("POST", "/auth/register", null, asked);
    ids.friend = daria.user.id;
    await rest("POST", `/friends/${ids.friend}`, admin);
    await rest("POST", `/friends/${ownerUser.id}`, daria.token.access_token);
    await rest("POST", `/friends/${ownerUser.id}`, registered.token.access_token);
    await rest("POST", `/friends/${egor.user.id}`, admin);
    ids.device = (
      await rest<{ device: { id: number } }>("POST", "/devices", admin, {
        name: deviceName,
        slug: "laser-cutter",
        location: "Workshop, room 12",
      })
    ).device.id;
  });

  /** Opens a page by its address, loading the app afresh, and waits for its heading. */
  async function visit(page: Page, path: string) {
    await page.goto(`${app.server.baseUrl}${path}`);
    await page.locator("h1").first().waitFor();
  }

  /**
   * Moves to another page the way the app's own links do, without loading it afresh, and waits
   * for the heading named `title`, and the element `loaded` (a test id) where the page has one.
   */
  async function go(page: Page, path: string, title: string, loaded?: string) {
    await page.evaluate((to) => {
      window.history.pushState(null, "", to);
      window.dispatchEvent(new PopStateEvent("popstate"));
    }, path);
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    if (loaded) await page.getByTestId(loaded).first().waitFor();
  }

  for (const { language, locale, texts } of languages) {
    for (const screen of screens) {
      it(`has no serious or critical violations in ${language} on a ${screen.name}`, async () => {
        const { context, page, errors } = await openPage(app.browser, {
          ...screen.options,
          locale,
        });
        const check = (what: string) =>
          expectAccessible(page, `${what}, ${language}, ${screen.name}`);
        const submit = () => page.locator('form button[type="submit"]').click();

        await visit(page, "/sign-in");
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
        await check("sign-in");
        await page.locator('input[autocomplete="username"]').fill(owner.login);
        await page.locator('input[type="password"]').fill("not-the-password");
        await submit();
        await page.getByRole("alert").waitFor();
        await check("sign-in, refused");

        await visit(page, "/sign-up");
        await check("sign-up");
        await submit();
        await page.getByText(texts.validation.required).first().waitFor();
        await check("sign-up, field errors");

        await visit(page, "/no-such-page");
        await check("not found, signed out");

        await visit(page, "/sign-in");
        await page.locator('input[autocomplete="username"]').fill(owner.login);
        await page.locator('input[type="password"]').fill(owner.password);
        await submit();
        await page.waitForURL(/\/profile$/);
        await page.getByTestId("profile-name").waitFor();
        await check("profile");
        if (screen.name === "phone") {
          await page.getByRole("button", { name: texts.nav.main }).click();
          await page.getByRole("menu").waitFor();
          await check("menu");
          await page.keyboard.press("Escape");
          await page.getByRole("menu").waitFor({ state: "hidden" });
        } else {
          await page.getByRole("button", { name: texts.nav.admin }).click();
          await page.getByRole("menu").waitFor();
          await check("administration menu");
          await screenshot(page, `a11y-admin-menu-${language}-${screen.name}`);
          await page.keyboard.press("Escape");
          await page.getByRole("menu").waitFor({ state: "hidden" });
        }
        await page.getByRole("button", { name: texts.common.edit }).click();
        await page.locator("form h1").waitFor();
        await check("profile, edit form");

        const admin = texts.admin;
        await go(page, "/security", texts.security.title, "session");
        await check("security");
        await go(page, "/qr", texts.qr.title, "qr-image");
        await check("my QR code");
        await go(page, "/no-such-page", texts.notFound.title);
        await check("not found, signed in");

        await go(page, "/people", texts.people.title);
        await check("people search");
        await page.getByLabel(texts.people.search).fill(member.last_name.slice(0, 3));
        await page.getByText(texts.people.tooShort.replace("{{min}}", "4")).waitFor();
        await page.getByLabel(texts.people.search).fill(member.last_name);
        await page.getByTestId("person-row").first().waitFor();
        await check("people search, results");
        await page.getByLabel(texts.people.search).fill("nobody-like-this");
        await page.getByTestId("empty").waitFor();
        await check("people search, no one found");
        await go(page, `/people/${ids.member}`, `${member.first_name} ${member.last_name}`);
        await page.getByTestId("friendship").waitFor();
        await check("a person who asked to be friends");
        await go(page, `/people/${ids.friend}`, `${friend.first_name} ${friend.last_name}`);
        await page.getByRole("button", { name: texts.friends.actions.unfriend }).click();
        await page.getByRole("dialog").waitFor();
        await check("a friend, unfriend dialog");
        await page.keyboard.press("Escape");
        await page.getByRole("dialog").waitFor({ state: "detached" });
        await go(page, "/people/2147483647", texts.people.notFoundTitle);
        await check("a person not found");
        await go(page, "/friends", texts.friends.title, "incoming-request");
        await page.getByTestId("friend").waitFor();
        await page.getByTestId("outgoing-request").waitFor();
        await check("friends");
        await screenshot(page, `a11y-friends-${language}-${screen.name}`);

        await go(page, "/admin/users", admin.users.title, "user-row");
        await check("users");
        await page.getByRole("button", { name: admin.users.create }).click();
        await page.getByRole("dialog").waitFor();
        await check("users, new user dialog");
        await page.keyboard.press("Escape");
        await page.getByRole("dialog").waitFor({ state: "detached" });
        await go(page, `/admin/users/${ids.member}`, `${member.first_name} ${member.last_name}`);
        await page.getByTestId("user-groups").waitFor();
        await check("a user");
        await go(page, "/admin/groups", admin.groups.title, "group-row");
        await check("groups");
        await go(page, `/admin/groups/${ids.group}`, groupName, "member-row");
        await check("a group");
        await go(page, "/admin/devices", admin.devices.title, "device-row");
        await check("devices");
        await go(page, `/admin/devices/${ids.device}`, deviceName);
        await check("a device");
        await go(page, "/admin/logs", admin.logs.title, "log-row");
        await check("audit log");
        await go(page, "/admin/scan", admin.scan.title);
        await check("test scan");
        await page.getByLabel(admin.scan.code).fill("AAAAAAAAAAAAAAAAAAAAAA");
        await submit();
        await page.getByTestId("scan-error").waitFor();
        await check("test scan, refused");
        await screenshot(page, `a11y-scan-${language}-${screen.name}`);

        const mine = texts.myProfile;
        await go(page, "/profile", `${owner.first_name} ${owner.last_name}`, "public-avatar");
        await page.getByTestId("confirmation-status").waitFor();
        await check("profile, public profile and student card");
        await page
          .locator('input[name="avatar"]')
          .setInputFiles({ name: "me.png", mimeType: "image/png", buffer: tinyPng });
        await page.getByTestId("avatar-crop-preview").waitFor();
        await check("profile, avatar crop");
        await page.keyboard.press("Escape");
        await page.getByRole("dialog").waitFor({ state: "detached" });
        await page.getByRole("button", { name: mine.editPublic }).click();
        await page.locator("form h2").waitFor();
        await check("profile, name and bio form");
        await page.getByRole("button", { name: texts.common.cancel }).click();
        await page
          .locator('input[name="scan"]')
          .setInputFiles({ name: "card.png", mimeType: "image/png", buffer: tinyPng });
        await page.getByTestId("scan-ready").waitFor();
        await check("profile, a scan ready to send");
        await screenshot(page, `a11y-profile-${language}-${screen.name}`);

        const queue = texts.reviewQueue;
        await go(page, "/admin/confirmations", queue.title, "review-item");
        await check("review queue");
        await page.getByRole("button", { name: queue.showScan }).click();
        await page.getByTestId("scan-image").waitFor();
        await check("review queue, a scan");
        await page.getByRole("button", { name: queue.reject }).click();
        const dialog = page.getByRole("dialog");
        await dialog.waitFor();
        await dialog.getByRole("button", { name: queue.reject }).click();
        await dialog.getByText(texts.validation.required).waitFor();
        await check("review queue, reject dialog");
        await screenshot(page, `a11y-queue-${language}-${screen.name}`);
        await page.keyboard.press("Escape");
        await dialog.waitFor({ state: "detached" });
        await page.getByRole("button", { name: queue.approve }).click();
        await dialog.waitFor();
        await check("review queue, approve dialog");
        await page.keyboard.press("Escape");
        await dialog.waitFor({ state: "detached" });

        expect(errors).toEqual([]);
        await context.close();
      });
    }
  }
});
