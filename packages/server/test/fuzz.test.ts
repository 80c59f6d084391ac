import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { listOperations, operations, restInput, type Operations } from "@kabinet/contracts";

import { newUser, startTestServer, type TestServer } from "./helpers.ts";
import { queryValue, surfaces, type Surface } from "./surfaces.ts";

/** Values the schema of an operation refuses: random JSON, or its own fields with random values. */
function invalidInputs(schema: { safeParse(v: unknown): { success: boolean } }, keys: string[]) {
  const anyJson = fc.jsonValue({ maxDepth: 3 });
  const ownFields = keys.length
    ? fc.dictionary(fc.constantFrom(...keys), anyJson, { minKeys: 1 })
    : fc.dictionary(fc.string(), anyJson);
  return fc.oneof(anyJson, ownFields).filter((value) => !schema.safeParse(value).success);
}

/** What a URL can carry: every query value arrives as a string. */
function asQuery(value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, queryValue(v)]));
}

describe.each(surfaces)("schema-driven fuzzing over %s", (surfaceName, makeSurface) => {
  let server: TestServer;
  let api: Surface;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer();
    api = makeSurface(server);
    const reg = await api.call("auth", "register", newUser());
    if (!reg.ok) throw new Error("sign-up failed");
    token = reg.data.token.access_token;
  });
  afterAll(() => server.close());

  for (const [group, name, op] of listOperations(operations)) {
    test(`${group}.${name} answers invalid input with a 4xx problem, never a 5xx`, async () => {
      const keys = "shape" in op.input ? Object.keys((op.input as { shape: object }).shape) : [];
      const carriesUrl = surfaceName === "rest" && (op.method === "GET" || op.method === "DELETE");
      const urlSchema = restInput(op).query;
      await fc.assert(
        fc.asyncProperty(invalidInputs(op.input, keys), async (input) => {
          const outcome = await api.call(group as keyof Operations, name, input, { token });
          expect(outcome.status, JSON.stringify(input)).toBeLessThan(500);
          if (!outcome.ok) {
            expect(outcome.status).toBeGreaterThanOrEqual(400);
            expect(outcome.code).toEqual(expect.any(String));
          }
          // Over a URL some values become valid strings; everything else must be refused.
          const stillInvalid =
            !carriesUrl || !(urlSchema?.safeParse(asQuery(input)).success ?? false);
          // A URL cannot carry a bare value or an array at all, so those arrive as "no input".
          const unsendable =
            carriesUrl && (input === null || typeof input !== "object" || Array.isArray(input));
          if (stillInvalid && !unsendable) {
            expect(outcome.ok, JSON.stringify(input)).toBe(false);
          }
        }),
        { numRuns: 30 },
      );
    });
  }
});
