import { Buffer } from "node:buffer";
import { readFileSync } from "node:fs";

import type { Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";

import {
  escapeRegExp,
  fieldIn,
  openAdminSection,
  openPage,
  screenshot,
  signInThroughPage,
  signUpThroughPage,
  visibleIn,
  webAppForTests,
} from "./browser-harness.ts";

const owner = {
  login: "maria.ivanova",
  email: "maria@example.org",
  password: "violet-Harbor-92-lantern",
  firstName: "Maria",
  lastName: "Ivanova",
};
const adminAccount = {
  login: "olga.admin",
  email: "olga@example.org",
  firstName: "Olga",
  lastName: "Sokolova",
};
const teacher = {
  login: "pavel.teacher",
  email: "pavel@example.org",
  password: "amber-Falcon-58-ridge",
  firstName: "Pavel",
  lastName: "Orlov",
};
const member = {
  login: "ivan.petrov",
  email: "ivan@example.org",
  password: "copper-Meadow-31-quill",
  firstName: "Ivan",
  lastName: "Petrov",
};
const groupName = "Laser cutter trained";
const machine = "device:laser-cutter:use";

/** A 2×2 PNG, small enough to inline. */
const tinyPng = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGM4YWMDRAwQCgAlPgUBdJmUYAAAAABJRU5ErkJggg==",
  "base64",
);

describe("the admin area in a browser", () => {
  const app = webAppForTests();
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    const opened = await openPage(app.browser, { acceptDownloads: true });
    ({ page, errors: pageErrors } = opened);
    await opened.context.grantPermissions(["clipboard-read", "clipboard-write"], {
      origin: app.server.baseUrl,
    });
  });

  const url = (path: string) => `${app.server.baseUrl}${path}`;
  const shot = (name: string) => screenshot(page, `admin-${name}`);
  const visible = (text: string | RegExp, within: Page | Locator = page) => visibleIn(within, text);
  const field = (label: string, within: Page | Locator = page) => fieldIn(within, label);
  /** The text input of a combobox, whose list of options carries the same label. */
  const comboInput = (label: string) => field(label).and(page.locator("input"));
  const nav = () => page.getByRole("navigation", { name: "Main navigation" });

  async function createUser(
    person: {
      login: string;
      email: string;
      firstName: string;
      lastName: string;
      password?: string;
    },
    role: string,
  ) {
    await page.getByRole("button", { name: "Create user" }).click();
    const dialog = page.getByRole("dialog", { name: "New user" });
    await dialog.waitFor();
    await field("Login", dialog).fill(person.login);
    await field("Email", dialog).fill(person.email);
    await field("First name", dialog).fill(person.firstName);
    await field("Last name", dialog).fill(person.lastName);
    await field("Role", dialog).selectOption(role);
    if (person.password) await field("Password (optional)", dialog).fill(person.password);
    await dialog.getByRole("button", { name: "Create", exact: true }).click();
    const done = page.getByRole("dialog", { name: "User created" });
    await visible(`The account ${person.login} has been created.`, done);
    return done;
  }

  it("makes the first account the super administrator, with every admin link", async () => {
    await signUpThroughPage(page, app.server.baseUrl, owner);
    // One menu holds them, opened from the keyboard; it lists every section, each a link.
    const menuButton = nav().getByRole("button", { name: "Administration" });
    // Until its code has loaded, the button is drawn disabled; a key press would go nowhere.
    await expect.poll(() => menuButton.isEnabled()).toBe(true);
    await menuButton.focus();
    await page.keyboard.press("Enter");
    const menu = page.getByRole("menu");
    await menu.waitFor();
    await expect
      .poll(() => menu.getByRole("menuitem").allTextContents())
      .toEqual(["Users", "Groups", "Audit log", "Devices", "Confirmations"]);
    for (const item of await menu.getByRole("menuitem").all())
      expect(await item.getAttribute("href")).toMatch(/^\/admin\//);
    await shot("00-admin-menu");
    await page.keyboard.press("Escape");
    await menu.waitFor({ state: "hidden" });
    await expect.poll(() => menuButton.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it("creates an administrator with a one-time password, a teacher and a member", async () => {
    await openAdminSection(page, "Users");
    await page.waitForURL(/\/admin\/users$/);
    await page.getByRole("heading", { name: "Users" }).waitFor();
    await expect.poll(() => page.getByTestId("users-total").textContent()).toBe("Found: 1");

    const created = await createUser(adminAccount, "admin");
    const secret = (await created.getByTestId("secret-value").textContent()) ?? "";
    expect(secret.length).toBeGreaterThanOrEqual(8);
    await visible("Pass it on now: it will not be shown again.", created);
    await created.getByRole("button", { name: "Copy" }).click();
    await created.getByRole("button", { name: "Copied" }).waitFor();
    await shot("01-one-time-password");
    await created.getByRole("button", { name: "Close", exact: true }).click();
    await page.getByRole("dialog").waitFor({ state: "detached" });

    const second = await createUser(teacher, "teacher");
    expect(await second.getByTestId("secret").count()).toBe(0);
    await second.getByRole("button", { name: "Close", exact: true }).click();
    await page.getByRole("dialog").waitFor({ state: "detached" });
    const third = await createUser(member, "user");
    await third.getByRole("button", { name: "Close", exact: true }).click();
    await page.getByRole("dialog").waitFor({ state: "detached" });

    await expect.poll(() => page.getByTestId("users-total").textContent()).toBe("Found: 4");
    await field("Role").selectOption("teacher");
    await expect.poll(() => page.getByTestId("users-total").textContent()).toBe("Found: 1");
    await visible(`@${teacher.login}`, page.getByTestId("user-row"));
    await field("Role").selectOption("");
    await field("Search").fill("petrov");
    await expect.poll(() => page.getByTestId("user-row").count()).toBe(1);
    await visible(`@${member.login}`, page.getByTestId("user-row"));
    await shot("02-users");
  });

  it("shows the super an account's role control and permissions, and changes its avatar and state", async () => {
    await page.getByTestId("user-row").getByRole("link").click();
    await page.waitForURL(/\/admin\/users\/\d+$/);
    await page
      .getByTestId("profile-name")
      .getByText(`${member.firstName} ${member.lastName}`)
      .waitFor();
    await page.getByRole("button", { name: "Change role" }).waitFor();
    await visible("profile:edit", page.getByRole("region", { name: "Access" }));
    await visible("Not in any group");

    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: "avatar.png", mimeType: "image/png", buffer: tinyPng });
    await visible("Avatar updated");
    await expect
      .poll(() => page.getByTestId("user-avatar").locator("img").getAttribute("src"))
      .toMatch(/^\/media\/[0-9a-f-]+\.webp$/);

    const actions = page.getByRole("region", { name: "Account actions" });
    await actions.getByRole("button", { name: "Block" }).click();
    await visible("Blocked", page.getByTestId("profile-name").locator(".."));
    await actions.getByRole("button", { name: "Unblock" }).click();
    await visible("Activated", page.getByTestId("profile-name").locator(".."));
    await shot("03-user");
  });

  it("creates a group with a machine permission and adds a member", async () => {
    await openAdminSection(page, "Groups");
    await page.waitForURL(/\/admin\/groups$/);
    await visible("No groups yet.");
    await page.getByRole("button", { name: "Create group" }).click();
    await field("Name").fill(groupName);
    const picker = comboInput("Permissions");
    await picker.click();
    await picker.fill(machine);
    await page.getByRole("option", { name: new RegExp(`^${escapeRegExp(machine)}`) }).click();
    await page.keyboard.press("Escape");
    await shot("04-group-create");
    await page.getByRole("button", { name: "Create group" }).click();
    await page.waitForURL(/\/admin\/groups\/\d+$/);
    await page.getByTestId("group-name").getByText(groupName).waitFor();
    await visible(machine);
    await visible("This group has no members yet.");

    await comboInput("Login of the user to add").fill(member.login);
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Add to group" }).click();
    await visible(`@${member.login}`, page.getByTestId("member-row"));
    await page.getByRole("heading", { name: "Members (1)" }).waitFor();
    await shot("05-group");
  });

  it("shows those actions in the audit log, filters them and downloads the CSV", async () => {
    await openAdminSection(page, "Audit log");
    await page.waitForURL(/\/admin\/logs$/);
    const actions = page.getByTestId("log-action");
    await expect
      .poll(async () => (await actions.allTextContents()).sort())
      .toEqual(
        expect.arrayContaining([
          "auth.register",
          "group.created",
          "group.member_added",
          "user.created",
          "user.created",
          "user.created",
        ]),
      );
    await shot("06-logs");

    await comboInput("Action").fill("group.member_added");
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect.poll(() => actions.allTextContents()).toEqual(["group.member_added"]);
    await visible(member.login, page.getByTestId("log-row"));
    await shot("07-logs-filtered");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^kabinet-logs-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path(), "utf8")
      .trim()
      .split(/\r?\n/);
    expect(csv[0]).toMatch(/^id,at,action,actor_id,actor_login,user_id,user_login,group_id/);
    expect(csv).toHaveLength(2);
    expect(csv[1]).toContain("group.member_added");
    expect(csv[1]).toContain(member.login);
  });

  it("shows a plain member no admin links, and no access at an admin address", async () => {
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await page.waitForURL(/\/sign-in$/);
    await signInThroughPage(page, app.server.baseUrl, member.login, member.password);
    await nav().getByRole("link", { name: "Profile" }).waitFor();
    expect(
      await nav()
        .getByRole("link", { name: /^(Users|Groups|Audit log)$/ })
        .count(),
    ).toBe(0);
    expect(await nav().getByRole("button", { name: "Administration" }).count()).toBe(0);
    await page.goto(url("/admin/users"));
    await page.getByTestId("no-access").getByRole("heading", { name: "No access" }).waitFor();
    await shot("08-no-access");
    await page.goto(url("/admin/logs"));
    await page.getByTestId("no-access").waitFor();
    expect(pageErrors).toEqual([]);
  });
});
