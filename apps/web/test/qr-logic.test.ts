import i18next from "i18next";
import { describe, expect, it } from "vitest";

import { CreateDeviceInput } from "@kabinet/contracts";

import { adminSectionsFor } from "../src/admin/access.ts";
import {
  defaultRequiredPermission,
  deviceEditDefaults,
  newDeviceDefaults,
  slugFromName,
} from "../src/admin/devices/device-form.ts";
import { logFilterFromParams } from "../src/admin/logs/log-filters.ts";
import { isScanRefusal, scanProblemColor, toResolveInput } from "../src/admin/scan/scan-form.ts";
import { fieldErrorText } from "../src/forms/field-errors.ts";
import { resources } from "../src/i18n/resources.ts";
import { qrImageUrl, qrSvg } from "../src/qr/qr-image.ts";
import {
  formatCountdown,
  msUntilNextSecond,
  pickQrWindow,
  remainingPercent,
  renewalDue,
  renewalToAsk,
  secondsLeft,
  toQrPair,
} from "../src/qr/qr-timing.ts";
import { estimateClockOffset } from "../src/qr/server-clock.ts";

const T = 1_795_435_200; // a window start, in epoch seconds
const ms = (seconds: number) => seconds * 1000;
const pair = toQrPair({
  code: "current-code",
  time_start: T,
  time_expire: T + 300,
  next: { code: "next-code", time_start: T + 300, time_expire: T + 600 },
});

describe("the countdown", () => {
  it("shows minutes and seconds, padded", () => {
    expect(formatCountdown(300)).toBe("05:00");
    expect(formatCountdown(299)).toBe("04:59");
    expect(formatCountdown(61)).toBe("01:01");
    expect(formatCountdown(9)).toBe("00:09");
    expect(formatCountdown(0)).toBe("00:00");
    expect(formatCountdown(4500)).toBe("75:00");
  });

  it("never shows a negative or broken time", () => {
    expect(formatCountdown(-3)).toBe("00:00");
    expect(formatCountdown(Number.NaN)).toBe("00:00");
    expect(formatCountdown(59.9)).toBe("00:59");
  });

  it("counts the second under way, and stops at zero", () => {
    expect(secondsLeft(pair.current, ms(T))).toBe(300);
    expect(secondsLeft(pair.current, ms(T) + 400)).toBe(300);
    expect(secondsLeft(pair.current, ms(T + 299) + 1)).toBe(1);
    expect(secondsLeft(pair.current, ms(T + 300))).toBe(0);
    expect(secondsLeft(pair.current, ms(T + 900))).toBe(0);
  });

  it("fills the bar with the share of the window left", () => {
    expect(remainingPercent(pair.current, ms(T))).toBe(100);
    expect(remainingPercent(pair.current, ms(T + 150))).toBe(50);
    expect(remainingPercent(pair.current, ms(T + 300))).toBe(0);
    expect(remainingPercent(pair.current, ms(T - 20))).toBe(100);
    expect(remainingPercent({ code: "x", time_start: T, time_expire: T }, ms(T))).toBe(0);
  });
});

describe("choosing the code to show", () => {
  it("shows the current code through its window, then the next one without a gap", () => {
    expect(pickQrWindow(pair, ms(T))?.code).toBe("current-code");
    expect(pickQrWindow(pair, ms(T + 300) - 1)?.code).toBe("current-code");
    expect(pickQrWindow(pair, ms(T + 300))?.code).toBe("next-code");
    expect(pickQrWindow(pair, ms(T + 600) - 1)?.code).toBe("next-code");
  });

  it("shows nothing once both windows have ended", () => {
    expect(pickQrWindow(pair, ms(T + 600))).toBeNull();
    expect(pickQrWindow(pair, ms(T + 10_000))).toBeNull();
  });

  it("shows the current code to a clock running a little behind", () => {
    expect(pickQrWindow(pair, ms(T - 2))?.code).toBe("current-code");
  });

  it("splits the API's answer into the current and the next window", () => {
    expect(pair).toEqual({
      current: { code: "current-code", time_start: T, time_expire: T + 300 },
      next: { code: "next-code", time_start: T + 300, time_expire: T + 600 },
    });
  });
});

describe("renewal", () => {
  it("is not due while the current window lasts", () => {
    expect(renewalDue(pair, ms(T))).toBeNull();
    expect(renewalDue(pair, ms(T + 300) - 1)).toBeNull();
  });

  it("is due at the current window's end, named by that end", () => {
    expect(renewalDue(pair, ms(T + 300))).toBe(T + 300);
    expect(renewalDue(pair, ms(T + 450))).toBe(T + 300);
  });

  it("is named by the next window's end once that has passed too", () => {
    expect(renewalDue(pair, ms(T + 600))).toBe(T + 600);
  });

  it("asks once per window end: a pair that crossed the end on its way is not asked for again", () => {
    let asked: number | null = null;
    const ask = (now: number) => {
      const end = renewalToAsk(pair, now, asked);
      if (end !== null) asked = end;
      return end;
    };
    expect(ask(ms(T + 299))).toBeNull();
    expect(ask(ms(T + 300))).toBe(T + 300);
    // The answer still names the window that just ended: its next code is valid, nothing more to ask.
    expect(ask(ms(T + 300) + 50)).toBeNull();
    expect(pickQrWindow(pair, ms(T + 300) + 50)?.code).toBe("next-code");
    // When that one ends too, one more request, and no more after it (a clock far off, say).
    expect(ask(ms(T + 600))).toBe(T + 600);
    expect(ask(ms(T + 601))).toBeNull();
  });

  it("ticks on whole seconds, where windows begin and end", () => {
    expect(msUntilNextSecond(ms(T))).toBe(1000);
    expect(msUntilNextSecond(ms(T) + 1)).toBe(999);
    expect(msUntilNextSecond(ms(T) + 999)).toBe(1);
    expect(msUntilNextSecond(ms(T) + 999.6)).toBe(1);
  });
});

describe("the server's clock", () => {
  const date = (epochMs: number) => new Date(epochMs).toUTCString();
  const at = ms(T) + 250;

  it("trusts the local clock while it agrees with the Date header and the round trip", () => {
    expect(estimateClockOffset(date(ms(T)), at - 100, at + 100)).toBe(0);
    expect(estimateClockOffset(date(ms(T)), ms(T) - 400, ms(T) + 900)).toBe(0);
  });

  it("corrects a local clock that runs ahead or behind", () => {
    // Ten minutes ahead: the server's second began 600.25 s before the local midpoint.
    const ahead = estimateClockOffset(date(ms(T)), at + 600_000 - 50, at + 600_000 + 50) as number;
    expect(ahead).toBeLessThan(-599_000);
    expect(ahead).toBeGreaterThan(-601_000);
    const behind = estimateClockOffset(date(ms(T)), at - 120_000 - 50, at - 120_000 + 50) as number;
    expect(behind).toBeGreaterThan(119_000);
    expect(behind).toBeLessThan(121_000);
  });

  it("ignores answers without a usable header", () => {
    expect(estimateClockOffset(null, at, at)).toBeUndefined();
    expect(estimateClockOffset("soon", at, at)).toBeUndefined();
    expect(estimateClockOffset(date(ms(T)), at, at - 1)).toBeUndefined();
  });
});

describe("the QR picture", () => {
  it("draws the code as a black-on-white SVG", async () => {
    const svg = await qrSvg("m3QkZ8rT1vXc5yLp9wN2bA");
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    // 22 characters fit version 2 at level M: 25 modules and a quiet zone of 2 on each side.
    expect(svg).toContain('viewBox="0 0 29 29"');
    expect(svg).toContain('stroke="#000000"');
    expect(svg).toContain('fill="#ffffff"');
  });

  it("is an image address an <img> can show", async () => {
    const url = await qrImageUrl("m3QkZ8rT1vXc5yLp9wN2bA");
    expect(url.startsWith("data:image/svg+xml;charset=utf-8,%3Csvg")).toBe(true);
    expect(decodeURIComponent(url.slice(url.indexOf(",") + 1))).toBe(
      await qrSvg("m3QkZ8rT1vXc5yLp9wN2bA"),
    );
  });
});

describe("the device form", () => {
  it("suggests a slug from the name, Cyrillic included", () => {
    expect(slugFromName("Laser cutter")).toBe("laser-cutter");
    expect(slugFromName("  3D printer #2 ")).toBe("3d-printer-2");
    expect(slugFromName("Лазерный резак")).toBe("lazernyy-rezak");
    expect(slugFromName("Фрезер ЧПУ")).toBe("frezer-chpu");
    expect(slugFromName("Café Drill")).toBe("cafe-drill");
    expect(slugFromName("!!!")).toBe("");
    const long = slugFromName(`${"a".repeat(47)} b`);
    expect(long).toBe("a".repeat(47));
    expect(long.length).toBeLessThanOrEqual(48);
  });

  it("defaults the required permission to the device's own", () => {
    expect(defaultRequiredPermission("laser-cutter")).toBe("device:laser-cutter:use");
    expect(defaultRequiredPermission(" laser-cutter ")).toBe("device:laser-cutter:use");
    expect(defaultRequiredPermission("Laser Cutter")).toBeUndefined();
    expect(defaultRequiredPermission("-laser")).toBeUndefined();
    expect(defaultRequiredPermission("")).toBeUndefined();
  });

  it("starts a new device with the permission left to the server's default", () => {
    expect(newDeviceDefaults()).toEqual({
      name: "",
      slug: "",
      location: undefined,
      required_permission: undefined,
    });
  });

  it("edits only what may change", () => {
    const device = {
      id: 3,
      name: "Laser cutter",
      slug: "laser-cutter",
      location: null,
      required_permission: "device:laser-cutter:use",
      key_prefix: "kbd_Zk3v9Q",
      key_rotated_at: "2026-11-23T10:00:00.000Z",
      last_seen_at: null,
      created_at: "2026-11-23T10:00:00.000Z",
    };
    expect(deviceEditDefaults(device)).toEqual({
      name: "Laser cutter",
      location: null,
      required_permission: "device:laser-cutter:use",
    });
  });
});

describe("device and scan field errors", async () => {
  const i18n = i18next.createInstance();
  await i18n.init({ resources, lng: "ru", interpolation: { escapeValue: false } });

  it("explains a slug the contract refuses, in the reader's language", () => {
    const parsed = CreateDeviceInput.safeParse({ name: "Лазерный резак", slug: "Laser Cutter" });
    expect(parsed.success).toBe(false);
    const issue = parsed.error?.issues.find((i) => i.path[0] === "slug");
    expect(fieldErrorText(i18n.t, "slug", { type: issue?.code }, "Laser Cutter")).toBe(
      "1–48 строчных латинских букв, цифр и «-»; не может начинаться или заканчиваться «-»",
    );
  });

  it("explains the other new fields", () => {
    expect(fieldErrorText(i18n.t, "required_permission", { type: "custom" }, "device:x")).toBe(
      "Право из каталога или device:<slug>:use",
    );
    expect(fieldErrorText(i18n.t, "location", { type: "too_big" }, "x".repeat(200))).toBe(
      "Не длиннее 128 символов",
    );
    expect(
      fieldErrorText(
        i18n.t,
        "code",
        { type: "server", message: "Not a Kabinet QR code" },
        "not a code",
      ),
    ).toBe("Код Кабинета: 22 символа из латинских букв, цифр, «-» и «_»");
    expect(fieldErrorText(i18n.t, "slug", { type: "too_small" }, "")).toBe("Обязательное поле");
  });
});

describe("the test scan", () => {
  it("sends the code as typed, trimmed, and the device when one is chosen", () => {
    expect(toResolveInput({ code: " m3QkZ8rT1vXc5yLp9wN2bA\n", device: "3" })).toEqual({
      code: "m3QkZ8rT1vXc5yLp9wN2bA",
      device_id: 3,
    });
    expect(toResolveInput({ code: "abc", device: null })).toEqual({ code: "abc" });
    // An empty code still goes: the API's own answer is what the page shows.
    expect(toResolveInput({ code: "  ", device: "" })).toEqual({ code: "" });
  });

  it("shows the API's judgements of a code as the scan's outcome", () => {
    for (const code of [
      "qr_code_missing",
      "qr_code_unknown",
      "qr_code_not_yet_valid",
      "qr_code_expired",
      "user_not_found",
      "device_not_found",
    ]) {
      expect(isScanRefusal(code)).toBe(true);
    }
    expect(isScanRefusal("network_error")).toBe(false);
    expect(isScanRefusal("validation_failed")).toBe(false);
    expect(scanProblemColor("qr_code_expired")).toBe("orange");
    expect(scanProblemColor("qr_code_unknown")).toBe("red");
  });

  it("opens the devices section with devices:manage only", () => {
    expect(adminSectionsFor({ permissions: ["devices:manage"] }).map((s) => s.to)).toEqual([
      "/admin/devices",
    ]);
    expect(adminSectionsFor({ permissions: ["device:laser-cutter:use"] })).toEqual([]);
  });
});

describe("a log filter from the address", () => {
  it("reads the ids, the action and the order", () => {
    expect(logFilterFromParams(new URLSearchParams("device_id=3"))).toEqual({
      device_id: 3,
      order: "desc",
    });
    expect(
      logFilterFromParams(new URLSearchParams("user_id=4&action=qr.resolved&order=asc")),
    ).toEqual({ user_id: 4, action: "qr.resolved", order: "asc" });
  });

  it("falls back to the default filter for anything invalid", () => {
    expect(logFilterFromParams(new URLSearchParams("device_id=abc"))).toEqual({ order: "desc" });
    expect(logFilterFromParams(new URLSearchParams("device_id=0"))).toEqual({ order: "desc" });
    expect(logFilterFromParams(new URLSearchParams("from=2026-01-01T00:00:00Z"))).toEqual({
      order: "desc",
    });
  });
});
