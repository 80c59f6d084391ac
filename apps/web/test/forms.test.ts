import i18next from "i18next";
import type { ResolverOptions } from "react-hook-form";
import { describe, expect, it } from "vitest";

import {
  CODED_FIELD_ERROR,
  fieldErrorText,
  PROBLEM_FIELD_ERROR,
} from "../src/forms/field-errors.ts";
import { resources } from "../src/i18n/resources.ts";
import { signInResolver, toLoginInput, type SignInValues } from "../src/pages/sign-in-form.ts";

const options = { fields: {}, shouldUseNativeValidation: false } as ResolverOptions<SignInValues>;

describe("the sign-in form", () => {
  it("sends an identifier with '@' as an email and anything else as a login", () => {
    expect(toLoginInput({ identifier: "anna@example.org", password: "x" })).toEqual({
      email: "anna@example.org",
      password: "x",
    });
    expect(toLoginInput({ identifier: "anna", password: "x" })).toEqual({
      login: "anna",
      password: "x",
    });
  });

  it("validates with the contract and reports on the identifier field", async () => {
    const ok = await signInResolver({ identifier: "anna", password: "secret" }, undefined, options);
    expect(ok.errors).toEqual({});
    expect(ok.values).toEqual({ login: "anna", password: "secret" });

    const badEmail = await signInResolver(
      { identifier: "anna@", password: "" },
      undefined,
      options,
    );
    expect(Object.keys(badEmail.errors).sort()).toEqual(["identifier", "password"]);
  });
});

describe("field error texts", async () => {
  const i18n = i18next.createInstance();
  await i18n.init({ resources, lng: "en", interpolation: { escapeValue: false } });
  const { t } = i18n;

  it("says a required field is empty", () => {
    expect(fieldErrorText(t, "first_name", { type: "too_small" }, "")).toBe("Required");
  });

  it("explains the field's rule when a value breaks it", () => {
    expect(fieldErrorText(t, "login", { type: "invalid_format" }, "Ab")).toMatch(
      /^4–32 characters/,
    );
    expect(fieldErrorText(t, "password", { type: "custom" }, "short")).toBe(
      "From 8 to 128 characters",
    );
    expect(fieldErrorText(t, "contacts.phone", { type: "invalid_format" }, "12")).toMatch(
      /^7 to 15 digits/,
    );
  });

  it("translates the API's password policy and problem codes", () => {
    expect(
      fieldErrorText(
        t,
        "password",
        { type: CODED_FIELD_ERROR, message: "password_common" },
        "qwerty123",
      ),
    ).toBe("This password is too common; choose another");
    expect(
      fieldErrorText(
        t,
        "new_password",
        { type: CODED_FIELD_ERROR, message: "password_unchanged" },
        "x",
      ),
    ).toEqual(expect.any(String));
    expect(
      fieldErrorText(t, "login", { type: PROBLEM_FIELD_ERROR, message: "login_taken" }, "anna"),
    ).toBe("This login is already taken.");
  });
});
