import type { Page, Response } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";

import { hashSecret } from "@kabinet/server/testing";

import {
  fieldIn,
  openAdminSection,
  openPage,
  phone as phoneScreen,
  screenshot,
  signUpThroughPage,
  visibleIn,
  webAppForTests,
} from "./browser-harness.ts";

const owner = {
  login: "nina.owner",
  email: "nina@example.org",
  password: "violet-Harbor-92-lantern",
  firstName: "Nina",
  lastName: "Volkova",
};
const member = {
  login: "oleg.member",
  email: "oleg@example.org",
  password: "copper-Meadow-31-quill",
  firstName: "Oleg",
  lastName: "Kuznetsov",
};
const device = {
  name: "Laser cutter",
  slug: "laser-cutter",
  permission: "device:laser-cutter:use",
};

/** A member's code as the page shows it, and the answer of `me.qr` that brought it. */
interface QrAnswer {
  code: string;
  time_start: number;
  time_expire: number;
  next: { code: string; time_start: number; time_expire: number };
}

describe("QR codes and devices in a browser", () => {
  const app = webAppForTests();
  let admin: Page;
  let phone: Page;
  /** The uncaught errors of both pages. */
  let pageErrors: string[][];
  const qrAnswers: QrAnswer[] = [];
  let deviceId = 0;
  let memberId = 0;
  let deviceKey = "";

  beforeAll(async () => {
    const desk = await openPage(app.browser);
    await desk.context.grantPermissions(["clipboard-read", "clipboard-write"], {
      origin: app.server.baseUrl,
    });
    admin = desk.page;
    const pocket = await openPage(app.browser, phoneScreen);
    phone = pocket.page;
    pageErrors = [desk.errors, pocket.errors];
    phone.on("response", (response) => void collectQrAnswer(response));
    // The phone's clock can be moved forward, to reach a window's end without waiting for it.
    await phone.clock.install();
  });

  async function collectQrAnswer(response: Response) {
    if (!new URL(response.url()).pathname.includes("me.qr")) return;
    const body = (await response.json().catch(() => null)) as Array<{
      result?: { data?: unknown };
    }> | null;
    for (const item of body ?? []) {
      const data = item.result?.data as QrAnswer | undefined;
      if (data && typeof data === "object" && "next" in data) qrAnswers.push(data);
    }
  }

  const url = (path: string) => `${app.server.baseUrl}${path}`;
  const shot = (page: Page, name: string) => screenshot(page, `qr-${name}`);
  const visible = visibleIn;
  const field = fieldIn;
  const nav = () => admin.getByRole("navigation", { name: "Main navigation" });

  async function rest<T>(
    method: string,
    path: string,
    token: string | null,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(url(`/rest/v1${path}`), {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  async function ownerToken(): Promise<string> {
    const { body } = await rest<{ token: { access_token: string } }>("POST", "/auth/login", null, {
      login: owner.login,
      password: owner.password,
    });
    return body.token.access_token;
  }

  /**
   * The code the phone shows, read when its window has at least `margin` seconds left, so the
   * scan that follows falls within it; otherwise the page's own switch to the next code is awaited.
   */
  async function shownCode(margin = 15): Promise<{ code: string; expire: number }> {
    const read = async () => ({
      code: (await phone.getByTestId("qr-code-text").textContent()) ?? "",
      expire: Number(await phone.getByTestId("qr-countdown").getAttribute("data-expire")),
    });
    let shown = await read();
    if (shown.expire * 1000 - Date.now() < margin * 1000) {
      const before = shown.code;
      // The next code takes over at the window's end; the renewal behind it brings a fresh one.
      await expect
        .poll(
          async () =>
            (shown = await read()).code !== before && shown.code === qrAnswers.at(-1)?.code,
          { timeout: (margin + 10) * 1000 },
        )
        .toBe(true);
    }
    return shown;
  }

  async function scan(code: string, withDevice: boolean) {
    await field(admin, "QR code").fill(code);
    const select = field(admin, "Device (optional)").and(admin.locator("input"));
    const label = `${device.name} (${device.slug})`;
    // Choosing the option already chosen would clear it.
    if (withDevice && (await select.inputValue()) !== label) {
      await select.click();
      await admin.getByRole("option", { name: label }).click();
    } else if (!withDevice && (await select.inputValue()) !== "") {
      // Mantine hides its clear button from the accessibility tree (the mouse's shortcut).
      await admin.locator('button[aria-label="Clear the device"]').click();
      await expect.poll(() => select.inputValue()).toBe("");
    }
    await admin.getByRole("button", { name: "Resolve" }).click();
  }

  const verdict = () => admin.getByTestId("scan-verdict").getAttribute("data-verdict");

  it("registers a device in the admin area and shows its key once, with a copy button", async () => {
    await signUpThroughPage(admin, app.server.baseUrl, owner);
    await nav().getByRole("link", { name: "My QR" }).waitFor();
    await openAdminSection(admin, "Devices");
    await admin.waitForURL(/\/admin\/devices$/);
    await visible(admin, "No devices yet.");

    await admin.getByRole("button", { name: "Register device" }).click();
    await field(admin, "Name").fill(device.name);
    // The slug follows the name, and the permission defaults to the slug's own.
    await expect.poll(() => field(admin, "Short name").inputValue()).toBe(device.slug);
    await visible(admin, `Leave empty to require ${device.permission}`);
    await field(admin, "Location (optional)").fill("Workshop, room 12");
    await shot(admin, "01-device-form");
    await admin.getByRole("button", { name: "Register", exact: true }).click();

    const created = admin.getByTestId("device-created");
    await visible(created, `The device “${device.name}” has been registered.`);
    deviceKey = (await created.getByTestId("secret-value").textContent()) ?? "";
    expect(deviceKey).toMatch(/^kbd_[A-Za-z0-9_-]{20,}$/);
    await visible(created, "Pass it on now: it will not be shown again.");
    await created.getByRole("button", { name: "Copy" }).click();
    await created.getByRole("button", { name: "Copied" }).waitFor();
    expect(await admin.evaluate(() => navigator.clipboard.readText())).toBe(deviceKey);

    const row = admin.getByTestId("device-row");
    await expect.poll(() => row.count()).toBe(1);
    await visible(row, device.permission);
    await visible(row, `${deviceKey.slice(0, 10)}…`);
    await visible(row, "Never");
    await shot(admin, "02-device-key");

    await created.getByRole("link", { name: "Open the device" }).click();
    await admin.waitForURL(/\/admin\/devices\/\d+$/);
    deviceId = Number(new URL(admin.url()).pathname.split("/").pop());
    await admin.getByTestId("device-name").getByText(device.name).waitFor();
    // Shown once: the device's own page does not have it.
    expect(await admin.getByTestId("secret").count()).toBe(0);
  });

  it("switches scanning without a key on and off, off by default", async () => {
    await admin.goto(url("/admin/devices"));
    const keyless = admin.getByRole("switch", {
      name: "Allow resolving codes without a device key",
    });
    await keyless.waitFor();
    expect(await keyless.isChecked()).toBe(false);
    await keyless.click({ force: true });
    await expect.poll(() => keyless.isChecked()).toBe(true);
    await admin.reload();
    await expect.poll(() => keyless.isChecked()).toBe(true);
    await keyless.click({ force: true });
    await expect.poll(() => keyless.isChecked()).toBe(false);
    await expect
      .poll(
        async () =>
          (await rest<{ qr_keyless_resolve: boolean }>("GET", "/settings", await ownerToken())).body
            .qr_keyless_resolve,
      )
      .toBe(false);
  });

  it("shows a member's code on a phone: large, with a countdown", async () => {
    await signUpThroughPage(phone, app.server.baseUrl, member);
    await phone.getByRole("button", { name: "Main navigation" }).click();
    await phone.getByRole("menuitem", { name: "My QR" }).click();
    await phone.waitForURL(/\/qr$/);
    const image = phone.getByTestId("qr-image");
    await image.waitFor();
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
      .toBe(true);
    const countdown = phone.getByTestId("qr-countdown");
    expect(await countdown.textContent()).toMatch(/^0[0-5]:[0-5]\d$/);
    await phone.getByRole("progressbar").waitFor();

    const { code } = await shownCode(0);
    expect(code).toMatch(/^[A-Za-z0-9_-]{22}$/);
    await expect.poll(() => qrAnswers.map((answer) => answer.code)).toContain(code);

    // Large on a phone, and nothing wider than the screen, down to 360 px.
    for (const width of [390, 360]) {
      await phone.setViewportSize({ width, height: 800 });
      const box = await image.boundingBox();
      expect(box?.width).toBeGreaterThan(width * 0.75);
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(width);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        width,
      );
    }
    await phone.setViewportSize({ width: 390, height: 844 });
    await shot(phone, "03-my-qr-phone");
  });

  it("denies the member on the laser cutter, then allows them once they are in a trained group", async () => {
    await openAdminSection(admin, "Devices");
    await admin.getByRole("link", { name: "Test a scan" }).click();
    await admin.waitForURL(/\/admin\/scan$/);
    await scan((await shownCode()).code, true);
    await expect.poll(verdict).toBe("denied");
    const result = admin.getByTestId("scan-result");
    await visible(result, `@${member.login}`);
    await visible(result, `${member.lastName} ${member.firstName}`);
    memberId = Number(
      ((await admin.getByTestId("scan-user-id").textContent()) ?? "").replace(/\D/g, ""),
    );
    expect(memberId).toBeGreaterThan(1);
    await visible(result, "on laser-cutter");
    expect(await result.getByText(device.permission).count()).toBe(0);
    await shot(admin, "04-scan-denied");

    const token = await ownerToken();
    const group = await rest<{ id: number }>("POST", "/groups", token, {
      name: "Laser cutter trained",
      permissions: [device.permission],
    });
    expect(group.status).toBe(201);
    expect((await rest("PUT", `/groups/${group.body.id}/members/${memberId}`, token)).status).toBe(
      200,
    );

    await scan((await shownCode()).code, true);
    await expect.poll(verdict).toBe("allowed");
    await visible(admin.getByTestId("scan-result"), device.permission);
    await shot(admin, "05-scan-allowed");
  });

  it("explains each refusal of a code", async () => {
    const refusal = async (code: string, expected: string, message: string) => {
      await scan(code, false);
      await expect
        .poll(() => admin.getByTestId("scan-error").getAttribute("data-code"))
        .toBe(expected);
      await visible(admin.getByTestId("scan-error"), message);
    };
    await refusal("", "qr_code_missing", "No QR code was sent.");
    await refusal("AAAAAAAAAAAAAAAAAAAAAA", "qr_code_unknown", "This QR code is not known.");

    // A third person, whose codes are fetched, aged and blocked directly.
    const person = {
      login: "vera.third",
      email: "vera@example.org",
      password: "amber-Falcon-58-ridge",
      first_name: "Vera",
      last_name: "Orlova",
    };
    const registered = await rest<{ user: { id: number }; token: { access_token: string } }>(
      "POST",
      "/auth/register",
      null,
      person,
    );
    expect(registered.status).toBe(201);
    const personToken = registered.body.token.access_token;
    const first = (await rest<QrAnswer>("GET", "/me/qr", personToken)).body;
    await refusal(first.next.code, "qr_code_not_yet_valid", "This QR code is not valid yet.");
    await app.server.database.db.execute(
      `update qr_codes set valid_from = now() - interval '10 minutes', valid_until = now() - interval '5 minutes' where code_hash = '${hashSecret(first.code)}'`,
    );
    await refusal(first.code, "qr_code_expired", "This QR code has expired.");
    await shot(admin, "06-scan-expired");
    const second = (await rest<QrAnswer>("GET", "/me/qr", personToken)).body;
    expect(
      (
        await rest("PUT", `/users/${registered.body.user.id}/state`, await ownerToken(), {
          state: "blocked",
        })
      ).status,
    ).toBe(200);
    await refusal(second.code, "user_not_found", "No such user.");

    // Not a Kabinet code at all: unknown, like any code Kabinet did not issue.
    await refusal("not a code", "qr_code_unknown", "This QR code is not known.");
    expect(await admin.getByTestId("scan-result").count()).toBe(0);
  });

  it("lists both scans of the member in the audit log under the device", async () => {
    await openAdminSection(admin, "Audit log");
    await admin.waitForURL(/\/admin\/logs$/);
    await field(admin, "Device id").fill(String(deviceId));
    await admin.getByRole("button", { name: "Apply" }).click();
    const actions = admin.getByTestId("log-action");
    await expect
      .poll(async () => (await actions.allTextContents()).sort())
      .toEqual(["device.created", "qr.resolved", "qr.resolved"]);
    const scans = admin.getByTestId("log-row").filter({ hasText: "qr.resolved" });
    expect(await scans.allTextContents()).toEqual([
      expect.stringMatching(
        new RegExp(`${owner.login}.*${member.login}.*#${deviceId}.*"result":"allowed"`),
      ),
      expect.stringMatching(
        new RegExp(`${owner.login}.*${member.login}.*#${deviceId}.*"result":"denied"`),
      ),
    ]);
    await shot(admin, "07-log-by-device");
  });

  it("lets a terminal scan with the copied key, and stops that key when it is rotated", async () => {
    const resolveAsDevice = async (key: string) =>
      rest<{ allowed: boolean; username: string; code?: string }>("POST", "/qr/resolve", key, {
        code: (await shownCode()).code,
      });
    const scanned = await resolveAsDevice(deviceKey);
    expect(scanned.status).toBe(200);
    expect(scanned.body).toMatchObject({ allowed: true, username: member.login });

    await admin.goto(url(`/admin/devices/${deviceId}`));
    await expect.poll(() => admin.getByTestId("device-last-seen").textContent()).not.toBe("Never");
    await admin.getByRole("button", { name: "Rotate key" }).click();
    const dialog = admin.getByRole("dialog", { name: `Rotate the key of “${device.name}”?` });
    await dialog.getByRole("button", { name: "Rotate key" }).click();
    await dialog.waitFor({ state: "detached" });
    const rotated = (await admin.getByTestId("secret-value").textContent()) ?? "";
    expect(rotated).toMatch(/^kbd_/);
    expect(rotated).not.toBe(deviceKey);
    await shot(admin, "08-key-rotated");
    expect((await resolveAsDevice(deviceKey)).body.code).toBe("invalid_token");
    expect((await resolveAsDevice(rotated)).status).toBe(200);

    await admin.getByRole("link", { name: "Audit log of this device" }).click();
    await admin.waitForURL(new RegExp(`/admin/logs\\?device_id=${deviceId}$`));
    await expect
      .poll(() => admin.getByTestId("log-action").first().textContent())
      .toBe("qr.resolved");
    expect(await field(admin, "Device id").inputValue()).toBe(String(deviceId));
    await visible(
      admin.getByTestId("log-row").filter({ hasText: "device.key_rotated" }),
      `#${deviceId}`,
    );

    await admin.goto(url(`/admin/devices/${deviceId}`));
    await admin.getByRole("button", { name: "Remove device" }).click();
    const removal = admin.getByRole("dialog", { name: `Remove “${device.name}”?` });
    await removal.getByRole("button", { name: "Remove device" }).click();
    await admin.waitForURL(/\/admin\/devices$/);
    await visible(admin, "No devices yet.");
    expect((await resolveAsDevice(rotated)).body.code).toBe("invalid_token");
  });

  it("renews the code at the window's end without a gap, and again when the tab comes back", async () => {
    const { code, expire } = await shownCode(20);
    const answer = qrAnswers.findLast((a) => a.code === code);
    expect(answer?.time_expire).toBe(expire);
    // The renewal is held back, to see the next code take over while it is on its way.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await phone.route(/\/trpc\/.*me\.qr/, async (route) => {
      await held;
      await route.continue();
    });
    const renewal = phone.waitForResponse((r) => r.url().includes("me.qr"));
    await phone.clock.fastForward(expire * 1000 - Date.now() + 500);
    await expect
      .poll(() => phone.getByTestId("qr-code-text").textContent())
      .toBe(answer?.next.code);
    expect(await phone.getByTestId("qr-loading").count()).toBe(0);
    expect(await phone.getByTestId("qr-countdown").getAttribute("data-expire")).toBe(
      String(answer?.next.time_expire),
    );
    await shot(phone, "09-next-code");

    const before = qrAnswers.length;
    release();
    await renewal;
    await phone.unroute(/\/trpc\/.*me\.qr/);
    await expect.poll(() => qrAnswers.length).toBe(before + 1);
    // The phone's clock now runs ahead of the server's; the answer's Date header sets it right,
    // so the fresh code of the server's current window is shown, not the one after it.
    const renewed = qrAnswers.at(-1);
    expect(renewed?.code).not.toBe(code);
    await expect.poll(() => phone.getByTestId("qr-code-text").textContent()).toBe(renewed?.code);
    expect(renewed?.time_expire).toBe(expire);

    const answers = qrAnswers.length;
    await phone.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
    await expect.poll(() => qrAnswers.length).toBe(answers + 1);
    await expect
      .poll(() => phone.getByTestId("qr-code-text").textContent())
      .toBe(qrAnswers.at(-1)?.code);
  });

  it("shows a plain member no admin links, and no access at the devices and scan addresses", async () => {
    await phone.getByRole("button", { name: "Main navigation" }).click();
    await phone.getByRole("menuitem").first().waitFor();
    const items = await phone.getByRole("menuitem").allTextContents();
    expect(items).toEqual(["Profile", "People", "Friends", "Security", "My QR"]);
    await phone.keyboard.press("Escape");
    for (const path of ["/admin/devices", "/admin/scan", `/admin/devices/${deviceId}`]) {
      await phone.goto(url(path));
      await phone.getByTestId("no-access").getByRole("heading", { name: "No access" }).waitFor();
    }
    await shot(phone, "10-no-access");
    expect(pageErrors.flat()).toEqual([]);
  });
});
