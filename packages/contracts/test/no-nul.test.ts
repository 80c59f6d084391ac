import { describe, expect, test } from "vitest";
import { z } from "zod";

import {
  listOperations,
  NUL_MESSAGE,
  operations,
  refuseNul,
  RegisterInput,
  restInput,
  SessionTokenRequest,
} from "../src/index.ts";

type Path = Array<string | number>;

/**
 * Where an input holds strings, found by walking its schema independently of the rule under
 * test. An unfamiliar kind of schema fails the walk, so a new construct cannot hide a string.
 */
function stringPaths(schema: z.core.$ZodType, path: Path = []): Path[] {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  const inner = (key: string) => def[key] as z.core.$ZodType;
  switch (def.type) {
    case "string":
      return [path];
    case "object":
      return Object.entries(def.shape as Record<string, z.core.$ZodType>).flatMap(([key, field]) =>
        stringPaths(field, [...path, key]),
      );
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "nonoptional":
      return stringPaths(inner("innerType"), path);
    case "array":
      return stringPaths(inner("element"), [...path, 0]);
    case "record":
      return stringPaths(inner("valueType"), [...path, "key"]);
    case "union":
      return (def.options as z.core.$ZodType[]).flatMap((option) => stringPaths(option, path));
    case "pipe":
      // A preprocess step (URL coercion) pipes into the field's own schema.
      return inner("in")._zod.def.type === "transform"
        ? stringPaths(inner("out"), path)
        : stringPaths(inner("in"), path);
    case "number":
    case "boolean":
    case "enum":
    case "literal":
      return [];
    default:
      throw new Error(`no walk for z.${def.type}() at ${path.join(".")}`);
  }
}

/** `value` placed at `path` in otherwise empty objects and arrays. */
function placeAt(path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (typeof head === "number") return [placeAt(rest, value)];
  return { [head!]: placeAt(rest, value) };
}

/** Every issue, including those of each option of a union that matched none. */
function allIssues(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  return issues.flatMap((issue) => [
    issue,
    ...(issue.code === "invalid_union"
      ? issue.errors.flatMap((errors) =>
          allIssues(errors.map((e) => ({ ...e, path: [...issue.path, ...e.path] }))),
        )
      : []),
  ]);
}

function nulIssuesAt(schema: z.ZodType, path: Path, value: unknown) {
  const result = schema.safeParse(value);
  if (result.success) return [];
  return allIssues(result.error.issues).filter(
    (issue) => issue.message === NUL_MESSAGE && JSON.stringify(issue.path) === JSON.stringify(path),
  );
}

const nul = "ab\u0000cd";

describe("U+0000 is refused in every string of every input", () => {
  const all = listOperations(operations);

  test("each string field of each operation, named by its path", () => {
    let checked = 0;
    for (const [group, name, op] of all) {
      for (const path of stringPaths(op.input)) {
        const id = `${group}.${name} ${path.join(".")}`;
        expect(nulIssuesAt(op.input, path, placeAt(path, nul)), id).not.toEqual([]);
        checked++;
      }
    }
    // Every area has string inputs; a walk that found few would prove little.
    expect(checked).toBeGreaterThan(50);
  });

  test("in the REST parts too: path parameters, query parameters and bodies", () => {
    for (const [group, name, op] of all) {
      const parts = restInput(op);
      for (const part of [parts.pathParams, parts.query, parts.body]) {
        if (!part) continue;
        for (const path of stringPaths(part)) {
          const id = `${group}.${name} ${path.join(".")}`;
          expect(nulIssuesAt(part, path, placeAt(path, nul)), id).not.toEqual([]);
        }
      }
    }
  });

  test("a plain z.string() deep in unions, arrays, records, pipes and defaults", () => {
    const schema = refuseNul(
      z.object({
        a: z.array(z.union([z.number(), z.string()])).max(3),
        b: z.record(z.string(), z.string()).optional(),
        c: z
          .string()
          .transform((v) => v.length)
          .pipe(z.number()),
        d: z.object({ e: z.string().nullable() }).default({ e: null }),
      }),
    );
    expect(nulIssuesAt(schema, ["a", 1], { a: [1, nul], c: "x" })).toHaveLength(1);
    expect(nulIssuesAt(schema, ["b", "k"], { a: [], b: { k: nul }, c: "x" })).toHaveLength(1);
    expect(nulIssuesAt(schema, ["c"], { a: [], c: nul })).toHaveLength(1);
    expect(nulIssuesAt(schema, ["d", "e"], { a: [], c: "x", d: { e: nul } })).toHaveLength(1);
    // Everything else is as it was: limits, transforms, defaults.
    expect(schema.safeParse({ a: [1, 2, 3, 4], c: "x" }).success).toBe(false);
    expect(schema.parse({ a: ["x"], c: "abc" })).toEqual({ a: ["x"], c: 3, d: { e: null } });
    expect(() => refuseNul(z.object({ a: z.lazy(() => z.string()) }))).toThrow(/lazy/);
  });

  test("a sign-in with NUL names the field, whichever way it signs in", () => {
    const login = operations.auth.login.input;
    const byLogin = login.safeParse({ login: "ad\u0000min", password: "long enough" });
    expect(byLogin.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["login", NUL_MESSAGE],
    ]);
    const byEmail = login.safeParse({ email: "a@example.org", password: "long\u0000enough" });
    expect(byEmail.error?.issues.map((i) => i.path.join("."))).toEqual(["password"]);
  });

  test("the rule changes nothing else of an input", () => {
    const ruled = operations.auth.register.input;
    const unruled = RegisterInput.extend(SessionTokenRequest.shape);
    expect(z.toJSONSchema(ruled, { io: "input", unrepresentable: "any" })).toEqual(
      z.toJSONSchema(unruled, { io: "input", unrepresentable: "any" }),
    );
    const valid = {
      login: "ivan.petrov",
      email: "ivan@example.org",
      password: "long enough",
      first_name: "Иван",
      last_name: "Петров",
    };
    expect(ruled.parse(valid)).toEqual(unruled.parse(valid));
    expect(ruled.safeParse({ ...valid, login: "Ivan" }).success).toBe(false);
    expect(operations.groups.create.input.parse({ name: "  Laser  " })).toEqual({
      name: "Laser",
      permissions: [],
    });
    expect(operations.users.list.input.parse({})).toMatchObject({ limit: 20, order: "desc" });
  });
});
