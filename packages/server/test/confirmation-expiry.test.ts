import { describe, expect, test } from "vitest";

import { loadConfig } from "../src/config.ts";
import { confirmationExpiry, isYearlyDate } from "../src/domain/confirmations/expiry.ts";

describe("confirmation expiry", () => {
  test.each([
    ["2026-08-31T12:00:00Z", "09-01", "2026-09-01T00:00:00.000Z"],
    ["2026-08-31T23:59:59Z", "09-01", "2026-09-01T00:00:00.000Z"],
    ["2026-09-01T00:00:00Z", "09-01", "2027-09-01T00:00:00.000Z"],
    ["2026-12-04T10:00:00Z", "09-01", "2027-09-01T00:00:00.000Z"],
    ["2027-01-15T10:00:00Z", "09-01", "2027-09-01T00:00:00.000Z"],
    ["2026-06-30T10:00:00Z", "07-01", "2026-07-01T00:00:00.000Z"],
    ["2026-12-31T10:00:00Z", "12-31", "2027-12-31T00:00:00.000Z"],
  ])("approved at %s with %s holds until %s", (at, date, until) => {
    expect(confirmationExpiry(new Date(at), date).toISOString()).toBe(until);
  });

  test("the date is a day every year has", () => {
    expect(["09-01", "01-01", "12-31", "02-28"].every(isYearlyDate)).toBe(true);
    expect(["02-29", "13-01", "00-10", "09-31", "9-1", "09-01 ", ""].some(isYearlyDate)).toBe(
      false,
    );
  });

  test("CONFIRMATION_EXPIRES_ON: 1 September by default, a bad value refused at start-up", () => {
    expect(loadConfig({}).CONFIRMATION_EXPIRES_ON).toBe("09-01");
    expect(loadConfig({ CONFIRMATION_EXPIRES_ON: "07-15" }).CONFIRMATION_EXPIRES_ON).toBe("07-15");
    expect(() => loadConfig({ CONFIRMATION_EXPIRES_ON: "02-29" })).toThrow();
  });
});
