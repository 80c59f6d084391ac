import { Buffer } from "node:buffer";

import i18next from "i18next";
import { describe, expect, it } from "vitest";

import { MAX_UPLOAD_BYTES, type MyConfirmation } from "@kabinet/contracts";

import { resources } from "../src/i18n/resources.ts";
import {
  CENTERED,
  cropRect,
  dragView,
  freeRoom,
  keyView,
  MAX_ZOOM,
  outputSide,
} from "../src/images/crop.ts";
import {
  bytesToBase64,
  IMAGE_TYPES,
  imageDataUrl,
  imageFileProblem,
} from "../src/images/image-file.ts";
import { fetchPrivateImage } from "../src/images/private-image.ts";
import { problemOf } from "../src/problems.ts";
import { confirmationStatusView, replacesSomething } from "../src/profile/confirmation-status.ts";

describe("image files", () => {
  it("takes the API's formats up to its size limit", () => {
    expect(IMAGE_TYPES).toEqual(["image/png", "image/jpeg", "image/webp", "image/gif"]);
    expect(imageFileProblem({ size: 1000, type: "image/png" })).toBeNull();
    expect(imageFileProblem({ size: MAX_UPLOAD_BYTES, type: "image/gif" })).toBeNull();
    expect(imageFileProblem({ size: MAX_UPLOAD_BYTES + 1, type: "image/jpeg" })).toBe("tooLarge");
    expect(imageFileProblem({ size: 1000, type: "image/svg+xml" })).toBe("wrongType");
    expect(imageFileProblem({ size: 1000, type: "" })).toBe("wrongType");
  });

  it("encodes plain base64, also past one chunk", () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 7) % 256);
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString("base64"));
    expect(bytesToBase64(new Uint8Array([1, 2, 3]))).not.toMatch(/^data:/);
  });

  it("makes a data: URL of an image blob", async () => {
    const blob = new Blob([new Uint8Array([1, 2, 3])], { type: "image/webp" });
    expect(await imageDataUrl(blob)).toBe("data:image/webp;base64,AQID");
  });
});

describe("the avatar crop", () => {
  const landscape = { width: 400, height: 200 };
  const portrait = { width: 300, height: 600 };

  it("starts with the largest centred square", () => {
    expect(cropRect(landscape, CENTERED)).toEqual({ sx: 100, sy: 0, side: 200 });
    expect(cropRect(portrait, CENTERED)).toEqual({ sx: 0, sy: 150, side: 300 });
    expect(cropRect({ width: 50, height: 50 }, CENTERED)).toEqual({ sx: 0, sy: 0, side: 50 });
  });

  it("zooms into a smaller square, kept inside the picture", () => {
    expect(cropRect(landscape, { zoom: 2, x: 0.5, y: 0.5 })).toEqual({
      sx: 150,
      sy: 50,
      side: 100,
    });
    expect(cropRect(landscape, { zoom: 2, x: 1, y: 1 })).toEqual({ sx: 300, sy: 100, side: 100 });
    // Out of range values are held to the limits.
    expect(cropRect(landscape, { zoom: 10, x: 2, y: -1 })).toEqual({
      sx: 350,
      sy: 0,
      side: 200 / MAX_ZOOM,
    });
    expect(cropRect(landscape, { zoom: 0.1, x: Number.NaN, y: 0 }).side).toBe(200);
  });

  it("moves the square against a drag, only along an axis with room", () => {
    // Shown 200 px wide at zoom 1, one screen pixel is one image pixel; the room is 200 px.
    const dragged = dragView(landscape, CENTERED, 50, 30, 200);
    expect(dragged).toEqual({ zoom: 1, x: 0.25, y: 0.5 });
    expect(cropRect(landscape, dragged)).toEqual({ sx: 50, sy: 0, side: 200 });
    // Dragged far past the edge, the square stops at it.
    expect(dragView(landscape, CENTERED, -1000, 0, 200).x).toBe(1);
    // Shown at half the size, a screen pixel is two image pixels.
    expect(dragView(landscape, CENTERED, 25, 0, 100).x).toBe(0.25);
    expect(freeRoom(landscape, 1)).toEqual({ x: 200, y: 0 });
  });

  it("answers the keys of the preview, and ignores others", () => {
    const zoomed = { zoom: 2, x: 0.5, y: 0.5 };
    // One step is 5% of the 100 px square: 5 px of the 300 px room across.
    expect(keyView(landscape, zoomed, "ArrowRight")?.x).toBeCloseTo(0.5 + 5 / 300);
    expect(keyView(landscape, zoomed, "ArrowLeft")?.x).toBeCloseTo(0.5 - 5 / 300);
    expect(keyView(landscape, zoomed, "ArrowDown")?.y).toBeCloseTo(0.5 + 5 / 100);
    expect(keyView(landscape, zoomed, "ArrowUp")?.y).toBeCloseTo(0.5 - 5 / 100);
    expect(keyView(landscape, zoomed, "+")?.zoom).toBe(2.25);
    expect(keyView(landscape, zoomed, "-")?.zoom).toBe(1.75);
    expect(keyView(landscape, CENTERED, "-")?.zoom).toBe(1);
    expect(keyView(landscape, { zoom: MAX_ZOOM, x: 0, y: 0 }, "=")?.zoom).toBe(MAX_ZOOM);
    expect(keyView(landscape, zoomed, "Home")).toEqual(CENTERED);
    expect(keyView(landscape, zoomed, "a")).toBeNull();
    expect(keyView(landscape, zoomed, "Tab")).toBeNull();
  });

  it("uploads the square at its own size, at most 512 px", () => {
    expect(outputSide({ sx: 0, sy: 0, side: 3000 })).toBe(512);
    expect(outputSide({ sx: 0, sy: 0, side: 120.4 })).toBe(120);
    expect(outputSide({ sx: 0, sy: 0, side: 0.2 })).toBe(1);
  });
});

describe("a private image", () => {
  it("is fetched with the session cookie, never from a cache, as a data: URL", async () => {
    const calls: RequestInit[] = [];
    const url = await fetchPrivateImage("/media/abc", (_url, init) => {
      calls.push(init ?? {});
      return Promise.resolve(
        new Response(new Uint8Array([1, 2, 3]), { headers: { "content-type": "image/webp" } }),
      );
    });
    expect(url).toBe("data:image/webp;base64,AQID");
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ credentials: "same-origin", cache: "no-store" });
  });

  it("reports the API's problem, a network failure, or an answer that is not an image", async () => {
    const notFound = await fetchPrivateImage("/media/abc", () =>
      Promise.resolve(
        new Response(JSON.stringify({ code: "not_found", status: 404 }), {
          status: 404,
          headers: { "content-type": "application/problem+json" },
        }),
      ),
    ).catch((error: unknown) => error);
    expect(problemOf(notFound)).toMatchObject({ code: "not_found", httpStatus: 404 });
    const offline = await fetchPrivateImage("/media/abc", () =>
      Promise.reject(new TypeError("Failed to fetch")),
    ).catch((error: unknown) => error);
    expect(problemOf(offline).code).toBe("network_error");
    const page = await fetchPrivateImage("/media/abc", () =>
      Promise.resolve(new Response("<html>", { headers: { "content-type": "text/html" } })),
    ).catch((error: unknown) => error);
    expect(problemOf(page).code).toBe("unknown_error");
  });
});

describe("the confirmation status", async () => {
  const i18n = i18next.createInstance();
  await i18n.init({ resources, lng: "en", interpolation: { escapeValue: false } });
  const ru = i18next.createInstance();
  await ru.init({ resources, lng: "ru", interpolation: { escapeValue: false } });

  const base: MyConfirmation = {
    status: "none",
    confirmed: false,
    submitted_at: null,
    decided_at: null,
    confirmed_until: null,
    reason: null,
  };
  const view = (confirmation: Partial<MyConfirmation>, t = i18n.t) =>
    confirmationStatusView(t, { ...base, ...confirmation }, t === i18n.t ? "en" : "ru");

  it("names each state, with its date or reason", () => {
    expect(view({})).toEqual({
      label: "Not sent",
      detail: "You have not sent a scan yet.",
      color: "gray",
    });
    expect(view({ status: "pending", submitted_at: "2026-03-02T12:00:00.000Z" })).toMatchObject({
      label: "Under review",
      detail: "Your scan, sent on March 2, 2026, is waiting for a reviewer.",
      color: "yellow",
    });
    expect(
      view({ status: "approved", confirmed: true, confirmed_until: "2026-09-01T12:00:00.000Z" }),
    ).toMatchObject({
      label: "Confirmed",
      detail: "You are confirmed until September 1, 2026.",
      color: "green",
    });
    expect(view({ status: "expired", confirmed_until: "2025-09-01T12:00:00.000Z" })).toMatchObject({
      label: "Expired",
      color: "orange",
    });
    expect(view({ status: "rejected", reason: "The photo is blurred" })).toMatchObject({
      label: "Rejected",
      detail: "Your scan was rejected: The photo is blurred",
      color: "red",
    });
    expect(view({ status: "rejected" }).detail).toBe("Your scan was rejected.");
  });

  it("says it in Russian too", () => {
    expect(view({ status: "pending", submitted_at: "2026-03-02T12:00:00.000Z" }, ru.t)).toEqual({
      label: "На проверке",
      detail: "Скан, отправленный 2 марта 2026 г., ждёт проверки.",
      color: "yellow",
    });
  });

  it("warns before a new scan replaces a pending one or ends a confirmation", () => {
    expect(replacesSomething({ ...base })).toBe(false);
    expect(replacesSomething({ ...base, status: "rejected" })).toBe(false);
    expect(replacesSomething({ ...base, status: "expired" })).toBe(false);
    expect(replacesSomething({ ...base, status: "pending" })).toBe(true);
    expect(replacesSomething({ ...base, status: "approved", confirmed: true })).toBe(true);
  });
});
