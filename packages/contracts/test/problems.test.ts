import { describe, expect, test } from "vitest";

import { errorCatalog, errorCodes, Problem, problem, validationProblem } from "../src/index.ts";

describe("problems", () => {
  test("every error code's problem explains itself in a sentence, and is a valid Problem", () => {
    for (const code of errorCodes) {
      const body = problem(code);
      expect(Problem.safeParse(body).success, code).toBe(true);
      expect(body.detail, code).toBe(errorCatalog[code].detail);
      expect(body.detail, code).toMatch(/^[A-Z`].{10,}[.]$/);
      expect(body.detail, code).not.toBe(body.title);
      expect(body).toMatchObject({ status: errorCatalog[code].status, code });
    }
  });

  test("a detail given for the occurrence replaces the catalogue's", () => {
    expect(problem("not_found", "No route GET /x").detail).toBe("No route GET /x");
    expect(problem("not_found", "").detail).toBe(errorCatalog.not_found.detail);
    const invalid = validationProblem([{ field: "login", message: "Too short" }]);
    expect(invalid).toMatchObject({ detail: "1 field is not valid", errors: [{ field: "login" }] });
  });

  test("texts quoting the request and long lists of field errors are cut to the schema's bounds", () => {
    const long = problem("not_found", `No route GET /${"x".repeat(5000)}`);
    expect(long.detail).toHaveLength(1024);
    const errors = Array.from({ length: 500 }, (_, i) => ({
      field: `${i}${"k".repeat(1000)}`,
      message: "Unknown field",
    }));
    const invalid = validationProblem(errors);
    expect(invalid.detail).toBe("500 fields are not valid");
    expect(invalid.errors).toHaveLength(100);
    expect(invalid.errors![0]!.field).toHaveLength(256);
    expect(Problem.safeParse(invalid).success).toBe(true);
    // A cut never leaves half of a surrogate pair.
    const emoji = problem("not_found", `a${"😀".repeat(600)}`);
    expect(emoji.detail).toBe(`a${"😀".repeat(511)}`);
  });

  test("the detail is required by the schema", () => {
    const { detail: _detail, ...without } = problem("forbidden");
    expect(Problem.safeParse(without).success).toBe(false);
  });
});
