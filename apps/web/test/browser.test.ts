import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";

import {
  fieldIn,
  openPage,
  screenshot,
  signInThroughPage,
  visibleIn,
  webAppForTests,
} from "./browser-harness.ts";

const person = {
  login: "anna.smirnova",
  email: "anna@example.org",
  password: "violet-Harbor-92-lantern",
  newPassword: "quiet-Meadow-47-compass",
  firstName: "Anna",
  lastName: "Smirnova",
};

describe("the web app in a browser", () => {
  const app = webAppForTests();
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    ({ page, errors: pageErrors } = await openPage(app.browser, {
      viewport: { width: 1200, height: 900 },
    }));
  });

  const url = (path: string) => `${app.server.baseUrl}${path}`;
  const shot = (name: string) => screenshot(page, name);
  const visible = (text: string | RegExp) => visibleIn(page, text);
  const pathname = () => new URL(page.url()).pathname;
  const field = (label: string) => fieldIn(page, label);

  it("sends a signed-out visitor to sign-in", async () => {
    await page.goto(url("/profile"));
    await page.waitForURL(/\/sign-in$/);
    await page.getByRole("heading", { name: "Sign in to Kabinet" }).waitFor();
    await shot("01-sign-in");
  });

  it("signs up with the login availability hint and a strength meter", async () => {
    await page.getByRole("link", { name: "Create one" }).click();
    await page.waitForURL(/\/sign-up$/);
    await field("Login").fill(person.login);
    await visible("This login is free");
    await field("Email").fill(person.email);
    await field("Password").fill("password");
    await visible(/Password strength: very weak/);
    await field("Password").fill(person.password);
    await visible(/Password strength: (good|strong)/);
    await field("First name").fill(person.firstName);
    await field("Last name").fill(person.lastName);
    await field("Class (optional)").selectOption("9");
    await shot("02-sign-up");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(/\/profile$/);
    await page.getByTestId("profile-name").getByText("Anna Smirnova").waitFor();
    await shot("03-profile");
  });

  it("explains an invalid field next to it", async () => {
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await page.waitForURL(/\/sign-in$/);
    await page.getByRole("link", { name: "Create one" }).click();
    await field("Login").fill(person.login);
    await visible("This login is already taken");
    await field("Email").fill("not-an-email");
    await page.getByRole("button", { name: "Create account" }).click();
    const email = field("Email");
    await expect.poll(() => email.getAttribute("aria-invalid")).toBe("true");
    await visible("Enter a valid email address, at most 64 characters");
    await visible("Required");
    await shot("04-sign-up-errors");
  });

  it("refuses a wrong password and signs in with the right one", async () => {
    await page.getByRole("link", { name: "Sign in" }).last().click();
    await page.waitForURL(/\/sign-in$/);
    await field("Login or email").fill(person.login);
    await field("Password").fill("wrong-password-123");
    await page.getByRole("button", { name: "Sign in" }).last().click();
    await visible("Wrong login or password.");
    await shot("05-sign-in-refused");
    await field("Login or email").fill(person.email);
    await field("Password").fill(person.password);
    await page.getByRole("button", { name: "Sign in" }).last().click();
    await page.waitForURL(/\/profile$/);
    await page.getByTestId("profile-name").getByText("Anna Smirnova").waitFor();
  });

  it("edits the profile, and the change and the session survive a reload", async () => {
    await page.getByRole("button", { name: "Edit" }).click();
    await field("First name").fill("Anastasia");
    await field("Telegram").fill("@anastasia");
    await shot("06-profile-edit");
    await page.getByRole("button", { name: "Save" }).click();
    await visible("Profile saved");
    await page.getByTestId("profile-name").getByText("Anastasia Smirnova").waitFor();
    await page.reload();
    await page.getByTestId("profile-name").getByText("Anastasia Smirnova").waitFor();
    await visible("@anastasia");
    expect(pathname()).toBe("/profile");
    await shot("07-profile-after-reload");
  });

  it("lists sessions with the current one marked, and ends another one", async () => {
    const { context: other, page: otherPage } = await openPage(app.browser);
    await signInThroughPage(otherPage, app.server.baseUrl, person.login, person.password);

    await page.getByRole("link", { name: "Security" }).click();
    await page.waitForURL(/\/security$/);
    await page.getByRole("heading", { name: "Active sessions" }).waitFor();
    const sessions = page.getByTestId("session");
    await expect.poll(() => sessions.count()).toBe(2);
    expect(await sessions.filter({ hasText: "This device" }).count()).toBe(1);
    await shot("08-security");

    await sessions
      .filter({ hasNotText: "This device" })
      .getByRole("button", { name: /^Sign out the session/ })
      .click();
    await expect.poll(() => sessions.count()).toBe(1);
    await otherPage.reload();
    await otherPage.waitForURL(/\/sign-in$/);
    await other.close();
  });

  it("changes the password", async () => {
    await field("Current password").fill(person.password);
    await field("New password").fill(person.newPassword);
    await visible(/Password strength:/);
    await page.getByLabel("Sign out of all other sessions").check();
    await page.getByRole("button", { name: "Change password" }).click();
    await visible("Your password has been changed and your other sessions have been ended.");
  });

  it("switches the language to Russian and back, and remembers the choice", async () => {
    await page.getByRole("link", { name: "Profile" }).click();
    await page.getByText("RU", { exact: true }).click();
    await page.getByRole("button", { name: "Выйти" }).waitFor();
    await visible("Личные данные");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("ru");
    await page.reload();
    await visible("Личные данные");
    await shot("09-profile-russian");
    await page.getByText("EN", { exact: true }).click();
    await page.getByRole("button", { name: "Sign out", exact: true }).waitFor();
    await visible("Personal details");
  });

  it("signs out, and signs in with the new password", async () => {
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await page.waitForURL(/\/sign-in$/);
    await page.reload();
    await page.getByRole("heading", { name: "Sign in to Kabinet" }).waitFor();
    expect(pathname()).toBe("/sign-in");
    await field("Login or email").fill(person.login);
    await field("Password").fill(person.newPassword);
    await page.getByRole("button", { name: "Sign in" }).last().click();
    await page.waitForURL(/\/profile$/);
    await page.getByTestId("profile-name").getByText("Anastasia Smirnova").waitFor();
    expect(pageErrors).toEqual([]);
  });
});
