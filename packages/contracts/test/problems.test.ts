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

  test("the detail is required by the schema", () => {
    const { detail: _detail, ...without } = problem("forbidden");
    expect(Problem.safeParse(without).success).toBe(false);
  });
});
