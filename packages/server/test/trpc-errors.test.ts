import { expect, test } from "vitest";

import { errorCatalog } from "@kabinet/contracts";

import { trpcCodeByStatus } from "../src/http/trpc.ts";

/** Answered by node:http itself, before any surface sees the request. */
const transportOnly = new Set(["headers_too_large"]);

test("every error of the catalogue keeps its HTTP status over tRPC", () => {
  for (const [code, { status }] of Object.entries(errorCatalog)) {
    if (transportOnly.has(code)) continue;
    expect(trpcCodeByStatus[status], `${code} (${status})`).toBeDefined();
  }
});
