import type { AppRoute } from "@ts-rest/core";
import { describe, expect, test } from "vitest";
import { z } from "zod";

import {
  fillPath,
  generateOpenApi,
  inputSplit,
  joinInput,
  listOperations,
  openApiPath,
  operations,
  queryString,
  REST_BASE,
  restInput,
  splitInput,
  toTsRest,
} from "../src/index.ts";

/**
 * No drift: the operation table, no more and no fewer, in what is derived from it here: the
 * ts-rest contract and the OpenAPI document. The server checks its routers, the SDK its methods.
 */
const all = listOperations(operations);
const ids = all.map(([group, name]) => `${group}.${name}`).sort();

/** The keys of an object schema, also under the `prefault({})` that lets a body be left out. */
function keysOf(schema: z.ZodType | undefined): string[] {
  const object = schema instanceof z.ZodPrefault ? schema.unwrap() : schema;
  return object instanceof z.ZodObject ? Object.keys(object.shape).sort() : [];
}

describe("every operation is derived", () => {
  test("into the ts-rest contract, under its group and name, with its method and path", () => {
    const contract = toTsRest(operations) as unknown as Record<string, Record<string, AppRoute>>;
    const routes = Object.entries(contract).flatMap(([group, byName]) =>
      Object.entries(byName).map(([name, route]) => ({ id: `${group}.${name}`, route })),
    );
    expect(routes.map((r) => r.id).sort()).toEqual(ids);
    for (const [group, name, op] of all) {
      const route = contract[group]![name]!;
      expect(route.method).toBe(op.method);
      expect(route.path).toBe(`${REST_BASE}${op.path}`);
      expect(route.metadata).toEqual({ auth: op.auth, operation: `${group}.${name}` });
    }
  });

  test("into the OpenAPI document, once each, with its method and path", () => {
    const doc = generateOpenApi(operations, { title: "Kabinet API", version: "test" });
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        id: (op as { operationId: string }).operationId,
        path,
        method,
      })),
    );
    expect(documented.map((d) => d.id).sort()).toEqual(ids);
    for (const [group, name, op] of all) {
      expect(documented).toContainEqual({
        id: `${group}.${name}`,
        path: `${REST_BASE}${openApiPath(op.path)}`,
        method: op.method.toLowerCase(),
      });
    }
  });
});

describe("the input split", () => {
  test("sends every input key exactly once: to the path, or to the query or the body", () => {
    for (const [group, name, op] of all) {
      const id = `${group}.${name}`;
      const split = inputSplit(op);
      expect(split.rest, id).toBe(op.method === "GET" || op.method === "DELETE" ? "query" : "body");
      const parts = restInput(op);
      // Operations with a body take no query parameter at all.
      if (split.rest === "body") expect(keysOf(parts.query), id).toEqual([]);
      if (split.restKeys === null) {
        expect(op.input, id).not.toBeInstanceOf(z.ZodObject);
        expect(split.pathParams, id).toEqual([]);
        expect(parts[split.rest], id).toBe(op.input);
        continue;
      }
      const keys = keysOf(op.input);
      expect([...split.pathParams, ...split.restKeys].sort(), id).toEqual(keys);
      expect(
        split.pathParams.filter((k) => split.restKeys!.includes(k)),
        id,
      ).toEqual([]);
      expect(keysOf(parts.pathParams), id).toEqual([...split.pathParams].sort());
      expect(keysOf(parts[split.rest]), id).toEqual([...split.restKeys].sort());
      if (split.rest === "query") expect(parts.body, id).toBeUndefined();
    }
  });

  test("splits a call's input into parts that join back into the same input", () => {
    for (const [group, name, op] of all) {
      const split = inputSplit(op);
      const keys = [...split.pathParams, ...(split.restKeys ?? [])];
      const input = Object.fromEntries(keys.map((k, i) => [k, `value${i}`]));
      const parts = splitInput(op, input);
      expect(Object.keys(parts.params), `${group}.${name}`).toEqual([...split.pathParams]);
      expect(joinInput(op, { params: parts.params, query: parts.query, body: parts.body })).toEqual(
        input,
      );
    }
  });

  test("an input that is not an object travels whole", () => {
    const { login } = operations.auth;
    const input = { login: "ivan", password: "secret" };
    expect(splitInput(login, input)).toEqual({ params: {}, body: input });
    expect(splitInput(login, undefined)).toEqual({ params: {}, body: {} });
    expect(joinInput(login, { params: {}, query: undefined, body: input })).toBe(input);
  });

  test("fills path parameters URI-encoded and refuses a missing one", () => {
    const op = operations.groups.addMember;
    expect(fillPath(op, { id: 7, user_id: 42 })).toBe("/groups/7/members/42");
    expect(fillPath(operations.users.getByLogin, { login: "a/b c" })).toBe(
      "/users/by-login/a%2Fb%20c",
    );
    expect(() => fillPath(op, { id: 7 })).toThrow(TypeError);
    expect(() => fillPath(op, { id: 7, user_id: "" })).toThrow(/user_id/);
  });

  test("writes a query string of the defined fields; arrays repeat their key", () => {
    expect(queryString({})).toBe("");
    expect(queryString({ a: undefined, b: null })).toBe("");
    expect(queryString({ q: "a b&c", limit: 5, on: true })).toBe("?q=a+b%26c&limit=5&on=true");
    expect(queryString({ id: [1, null, 2] })).toBe("?id=1&id=2");
    expect(queryString({ from: new Date("2026-01-02T03:04:05.000Z") })).toBe(
      "?from=2026-01-02T03%3A04%3A05.000Z",
    );
  });

  test("URL parts refuse a parameter the operation does not take, naming it", () => {
    for (const [group, name, op] of all) {
      const parts = restInput(op);
      const query = parts.query;
      expect(query, `${group}.${name}`).toBeDefined();
      const result = query!.safeParse({ userId: "5" });
      expect(result.success, `${group}.${name}`).toBe(false);
      expect(result.error?.issues, `${group}.${name}`).toContainEqual(
        expect.objectContaining({ code: "unrecognized_keys", keys: ["userId"], path: [] }),
      );
    }
    const exportQuery = restInput(operations.logs.export).query!;
    expect(exportQuery.safeParse({ user_id: "5" }).success).toBe(true);
  });

  test("URL values are coerced back to numbers and booleans where the schema wants them", () => {
    const query = restInput(operations.users.list).query!;
    expect(query.parse({ limit: "5", group_id: "3" })).toMatchObject({ limit: 5, group_id: 3 });
    const params = restInput(operations.users.get).pathParams!;
    expect(params.parse({ id: "42" })).toEqual({ id: 42 });
    expect(params.safeParse({ id: "4x" }).success).toBe(false);
  });
});
