import i18next from "i18next";
import { describe, expect, it, vi } from "vitest";

import {
  permissionOptions,
  typedDevicePermission,
} from "../src/admin/groups/permission-options.ts";
import { fetchLogsCsv, type CsvDownloadDeps } from "../src/admin/logs/download-csv.ts";
import {
  compactJson,
  filenameFromDisposition,
  isoToLocalDateTime,
  localDateTimeToIso,
  logExportUrl,
  logFilterParams,
} from "../src/admin/logs/log-filters.ts";
import { fieldErrorText } from "../src/forms/field-errors.ts";
import { resources } from "../src/i18n/resources.ts";
import { problemOf } from "../src/problems.ts";

vi.mock("../src/session/session.ts", () => ({ refreshSession: vi.fn() }));

describe("log filters", () => {
  it("writes only the filters that are set, in a fixed order", () => {
    const filter = {
      order: "asc" as const,
      action: "group.member_added",
      user_id: 4,
      from: "2026-11-23T10:00:00.000Z",
    };
    expect(logFilterParams(filter).toString()).toBe(
      "user_id=4&action=group.member_added&from=2026-11-23T10%3A00%3A00.000Z&order=asc",
    );
    expect(logExportUrl(filter)).toBe(
      "/rest/v1/logs/export.csv?user_id=4&action=group.member_added&from=2026-11-23T10%3A00%3A00.000Z&order=asc",
    );
    expect(logExportUrl({ order: "desc" })).toBe("/rest/v1/logs/export.csv?order=desc");
  });

  it("turns a local date-time input into an instant, and back", () => {
    const iso = localDateTimeToIso("2026-11-23T10:30");
    expect(iso).toBe(new Date(2026, 10, 23, 10, 30).toISOString());
    expect(isoToLocalDateTime(iso as string)).toBe("2026-11-23T10:30");
    expect(localDateTimeToIso("")).toBeUndefined();
    // Not a date: passed on for the schema to refuse.
    expect(localDateTimeToIso("soon")).toBe("soon");
  });

  it("takes the file name the server suggests", () => {
    expect(
      filenameFromDisposition('attachment; filename="kabinet-logs-2026-11-23.csv"', "x.csv"),
    ).toBe("kabinet-logs-2026-11-23.csv");
    expect(filenameFromDisposition(null, "x.csv")).toBe("x.csv");
    expect(filenameFromDisposition('attachment; filename="../../etc/passwd"', "x.csv")).toBe(
      ".._.._etc_passwd",
    );
  });

  it("shows details on one line, and nothing for none", () => {
    expect(compactJson({ fields: ["login"], to: "admin" })).toBe(
      '{"fields":["login"],"to":"admin"}',
    );
    expect(compactJson({})).toBe("");
  });
});

describe("the CSV download", () => {
  const csv = "id,at,action\n1,2026-11-23T10:00:00.000Z,group.created\n";
  const answer = (status: number, body: string, headers: Record<string, string> = {}) =>
    new Response(body, { status, headers });
  const problem = (status: number, code: string) =>
    answer(
      status,
      JSON.stringify({ type: `urn:kabinet:problem:${code}`, title: code, status, code }),
      { "content-type": "application/problem+json" },
    );

  function deps(responses: Response[], refreshed = true) {
    const calls: Array<{ url: string; authorization: string | undefined }> = [];
    let token = "first-token";
    const fake: CsvDownloadDeps = {
      fetch: (url, init) => {
        calls.push({
          url: typeof url === "string" ? url : url instanceof URL ? url.href : url.url,
          authorization: new Headers(init?.headers).get("authorization") ?? undefined,
        });
        const next = responses.shift();
        return next ? Promise.resolve(next) : Promise.reject(new TypeError("Failed to fetch"));
      },
      getAccessToken: () => token,
      refreshSession: () => {
        token = "second-token";
        return Promise.resolve(refreshed);
      },
    };
    return { fake, calls };
  }

  it("sends the access token and the filters, and names the file as the server says", async () => {
    const { fake, calls } = deps([
      answer(200, csv, {
        "content-disposition": 'attachment; filename="kabinet-logs-2026-11-23.csv"',
      }),
    ]);
    const { blob, filename } = await fetchLogsCsv({ order: "desc", action: "group.created" }, fake);
    expect(calls).toEqual([
      {
        url: "/rest/v1/logs/export.csv?action=group.created&order=desc",
        authorization: "Bearer first-token",
      },
    ]);
    expect(await blob.text()).toBe(csv);
    expect(filename).toBe("kabinet-logs-2026-11-23.csv");
  });

  it("refreshes an expired token once and repeats the request", async () => {
    const { fake, calls } = deps([problem(401, "invalid_token"), answer(200, csv)]);
    const { filename } = await fetchLogsCsv({ order: "desc" }, fake);
    expect(calls.map((call) => call.authorization)).toEqual([
      "Bearer first-token",
      "Bearer second-token",
    ]);
    expect(filename).toBe("kabinet-logs.csv");
  });

  it("reports the API's problem, or a network error", async () => {
    const forbidden = deps([problem(403, "forbidden")]);
    const refused = await fetchLogsCsv({ order: "desc" }, forbidden.fake).catch(
      (error: unknown) => error,
    );
    expect(problemOf(refused)).toMatchObject({ code: "forbidden", httpStatus: 403 });

    const offline = deps([]);
    const failed = await fetchLogsCsv({ order: "desc" }, offline.fake).catch(
      (error: unknown) => error,
    );
    expect(problemOf(failed).code).toBe("network_error");

    const ended = deps([problem(401, "session_revoked")], false);
    const signedOut = await fetchLogsCsv({ order: "desc" }, ended.fake).catch(
      (error: unknown) => error,
    );
    expect(problemOf(signedOut).code).toBe("session_revoked");
    expect(ended.calls).toHaveLength(1);
  });
});

describe("the permission picker's options", () => {
  const catalogue = [
    { name: "users:read", description: "Read users", kind: "general" as const },
    { name: "logs:read", description: "Read the log", kind: "general" as const },
    { name: "device:printer:use", description: "Use the printer", kind: "device" as const },
  ];
  const labels = { general: "General", devices: "Machines" };

  it("accepts a typed machine permission, completing ':use'", () => {
    expect(typedDevicePermission("device:laser-cutter:use")).toBe("device:laser-cutter:use");
    expect(typedDevicePermission("device:laser-cutter")).toBe("device:laser-cutter:use");
    expect(typedDevicePermission("Device:Laser-Cutter:")).toBe("device:laser-cutter:use");
    expect(typedDevicePermission("device:-bad-:use")).toBeUndefined();
    expect(typedDevicePermission("users:read")).toBeUndefined();
  });

  it("offers the catalogue, the chosen machines and the one being typed", () => {
    expect(permissionOptions(catalogue, ["device:cnc:use"], "device:laser-cutter", labels)).toEqual(
      [
        {
          group: "General",
          items: [
            { value: "users:read", label: "users:read" },
            { value: "logs:read", label: "logs:read" },
          ],
        },
        {
          group: "Machines",
          items: [
            { value: "device:cnc:use", label: "device:cnc:use" },
            { value: "device:laser-cutter:use", label: "device:laser-cutter:use" },
            { value: "device:printer:use", label: "device:printer:use" },
          ],
        },
      ],
    );
    expect(permissionOptions(catalogue.slice(0, 2), [], "", labels)).toHaveLength(1);
  });
});

describe("admin field errors", async () => {
  const i18n = i18next.createInstance();
  await i18n.init({ resources, lng: "en", interpolation: { escapeValue: false } });

  it("explains the rules of the group and log filter fields", () => {
    expect(fieldErrorText(i18n.t, "name", { type: "too_big" }, "x".repeat(70))).toBe(
      "1 to 64 characters",
    );
    expect(fieldErrorText(i18n.t, "action", { type: "invalid_format" }, "Bad Action")).toBe(
      "An action name such as user.role_changed",
    );
    expect(fieldErrorText(i18n.t, "user_id", { type: "too_small" }, 0)).toBe(
      "A whole number from 1",
    );
  });
});
