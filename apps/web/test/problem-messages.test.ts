import { TRPCClientError } from "@trpc/client";
import i18next from "i18next";
import { describe, expect, it } from "vitest";

import { errorCodes } from "@kabinet/contracts";

import en from "../src/i18n/en.json";
import { problemMessage } from "../src/i18n/messages.ts";
import { resources } from "../src/i18n/resources.ts";
import ru from "../src/i18n/ru.json";
import { problemOf } from "../src/problems.ts";

function keysOf(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) =>
    keysOf(inner, prefix ? `${prefix}.${key}` : key),
  );
}

async function translator(language: "ru" | "en") {
  const instance = i18next.createInstance();
  await instance.init({
    resources,
    lng: language,
    fallbackLng: false,
    interpolation: { escapeValue: false },
  });
  return instance;
}

describe("problem messages", () => {
  it.each(["ru", "en"] as const)(
    "has a %s message for every code in the API's error catalog",
    async (language) => {
      const i18n = await translator(language);
      for (const code of [...errorCodes, "network_error", "unknown_error"]) {
        expect(i18n.exists(`problems.${code}`), `${language}: problems.${code}`).toBe(true);
        expect(i18n.t(`problems.${code}` as "problems.unknown_error")).not.toBe("");
      }
    },
  );

  it("has the same keys in Russian and English", () => {
    expect(keysOf(ru).sort()).toEqual(keysOf(en).sort());
  });

  it("adds the wait time to a rate limit", async () => {
    const i18n = await translator("ru");
    expect(problemMessage(i18n.t, { code: "rate_limited", retryAfter: 30 })).toBe(
      "Слишком много попыток. Подождите немного и попробуйте снова. Повторить можно через 30 с.",
    );
  });

  it("falls back to a general message for a code it does not know", async () => {
    const i18n = await translator("en");
    expect(
      problemMessage(i18n.t, { code: "no_such_code_yet" as never, retryAfter: undefined }),
    ).toBe(en.problems.unknown_error);
  });
});

describe("problemOf", () => {
  it("reads the problem code and field errors of a tRPC error", () => {
    const error = TRPCClientError.from({
      error: {
        code: -32600,
        message: "The request is not valid",
        data: {
          code: "BAD_REQUEST",
          httpStatus: 400,
          problem: "validation_failed",
          errors: [{ field: "login", message: "bad" }],
        },
      },
    });
    expect(problemOf(error)).toEqual({
      code: "validation_failed",
      httpStatus: 400,
      fieldErrors: [{ field: "login", message: "bad" }],
      retryAfter: undefined,
    });
  });

  it("calls a failure without an answer a network error", () => {
    expect(problemOf(TRPCClientError.from(new TypeError("Failed to fetch"))).code).toBe(
      "network_error",
    );
    expect(problemOf(new Error("boom")).code).toBe("unknown_error");
  });
});
