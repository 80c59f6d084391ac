import { describe, expect, test } from "vitest";
import { z } from "zod";

import {
  generateOpenApi,
  legacyApis,
  listOperations,
  openApiPath,
  operations,
  REST_BASE,
  SchemaCollector,
} from "../src/index.ts";

const doc = generateOpenApi(operations, { title: "Kabinet API", version: "test" });
type Responses = Record<
  string,
  {
    content?: Record<string, { schema?: unknown; examples?: Record<string, unknown> }>;
    headers?: object;
  }
>;

interface RequestBody {
  content: Record<string, { schema: { properties: Record<string, unknown>; required: string[] } }>;
}
interface Parameter {
  name: string;
  in: string;
  required: boolean;
  schema: unknown;
}

function operation(method: string, path: string) {
  return (
    doc.paths[`${REST_BASE}${path}`] as Record<
      string,
      {
        responses: Responses;
        security: unknown[];
        requestBody?: RequestBody;
        parameters?: Parameter[];
      }
    >
  )[method]!;
}

describe("the generated OpenAPI document", () => {
  test("is OpenAPI 3.1 with a bearer security scheme", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
  });

  test("public operations need no token; the others require the bearer", () => {
    expect(operation("post", "/auth/login").security).toEqual([]);
    expect(operation("get", "/me").security).toEqual([{ bearer: [] }]);
  });

  test("every operation documents its success and its problems with examples", () => {
    for (const [, , op] of listOperations(operations)) {
      const responses = operation(op.method.toLowerCase(), openApiPath(op.path)).responses;
      expect(responses[String(op.status ?? 200)]).toBeDefined();
      for (const status of ["400", "429", "500"]) {
        const problem = responses[status]!.content!["application/problem+json"]!;
        expect(problem.schema).toEqual({ $ref: "#/components/schemas/Problem" });
        expect(Object.keys(problem.examples!).length).toBeGreaterThan(0);
      }
      expect(responses["429"]!.headers).toHaveProperty("Retry-After");
      if (op.auth !== "public") expect(responses["401"]).toBeDefined();
      for (const code of op.errors) {
        const documented = Object.values(responses).some(
          (r) => r.content?.["application/problem+json"]?.examples?.[code],
        );
        expect(documented, `${op.path} documents ${code}`).toBe(true);
      }
    }
  });

  test("operations state the permission they need; file operations their media type", () => {
    const list = operation("get", "/users") as unknown as Record<string, unknown> & {
      description: string;
    };
    expect(list["x-kabinet-permission"]).toBe("users:read");
    expect(list.description).toContain("`users:read`");
    expect(
      (operation("put", "/users/{id}/role") as unknown as { description: string }).description,
    ).toContain("Super only");
    const csv = operation("get", "/logs/export.csv").responses["200"]!.content!;
    expect(Object.keys(csv)).toEqual(["text/csv"]);
  });

  test("every integer states its width; Retry-After is a bounded int32", () => {
    const integers = JSON.stringify(doc).match(/\{"type":"integer"[^{}]*\}/g) ?? [];
    expect(integers.length).toBeGreaterThan(0);
    for (const schema of integers) expect(schema).toMatch(/"format":"int(32|64)"/);
    const id = operation("get", "/users/{id}").parameters!.find((p) => p.name === "id");
    expect(id?.schema).toMatchObject({ type: "integer", format: "int32" });
    const retryAfter = operation("post", "/auth/login").responses["429"]!.headers;
    expect(retryAfter).toMatchObject({
      "Retry-After": { schema: { type: "integer", format: "int32", minimum: 1 } },
    });
  });

  test("the server is public and the bearer scheme names RFC 8725", () => {
    expect(doc.servers).toEqual([{ url: "/", "x-internal": false }]);
    expect(doc.components.securitySchemes.bearer.description).toContain("RFC8725");
  });

  test("list limits are documented as 1 to 100", () => {
    const limit = operation("get", "/logs").parameters!.find((p) => p.name === "limit");
    expect(limit?.schema).toMatchObject({ minimum: 1, maximum: 100, default: 20 });
  });

  test("string fields carry their length limits and patterns", () => {
    const body = operation("post", "/auth/register").requestBody!.content["application/json"]!
      .schema;
    expect(body.properties.login).toMatchObject({
      maxLength: 32,
      minLength: 4,
      pattern: expect.any(String),
    });
    expect(body.properties.email).toMatchObject({ maxLength: 64, format: "email" });
    expect(body.required).toEqual(
      expect.arrayContaining(["login", "email", "password", "first_name", "last_name"]),
    );
  });

  test("path parameters and query parameters are described", () => {
    expect(operation("delete", "/me/sessions/{id}").parameters).toContainEqual(
      expect.objectContaining({ name: "id", in: "path", required: true }),
    );
    expect(operation("get", "/auth/login-available").parameters).toContainEqual(
      expect.objectContaining({ name: "login", in: "query", required: true }),
    );
  });

  test("named schemas are shared through components", () => {
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(["Problem", "User", "Token"]),
    );
    const refs = JSON.stringify(doc).match(/"#\/[^"]+"/g) ?? [];
    for (const ref of refs) expect(ref).toMatch(/^"#\/components\/schemas\//);
  });

  test("a named schema linking to another named schema is one component, however often used", () => {
    const Inner = z.object({ id: z.number() }).meta({ id: "TestInner" });
    const Outer = z.object({ inner: Inner }).meta({ id: "TestOuter" });
    const schemas = new SchemaCollector();
    const first = schemas.convert(z.object({ a: Outer }), "output");
    const second = schemas.convert(z.object({ b: Outer }), "output");
    expect(Object.keys(schemas.components).sort()).toEqual(["TestInner", "TestOuter"]);
    expect(JSON.stringify([first, second])).not.toContain("TestOuterInput");
  });

  test("a legacy request body leaves out the path parameters", () => {
    const full = generateOpenApi(operations, { title: "Kabinet API", version: "test" }, legacyApis);
    for (const api of legacyApis)
      for (const route of Object.values(api.routes)) {
        const op = (
          full.paths[openApiPath(route.path)] as Record<string, { requestBody?: RequestBody }>
        )[route.method.toLowerCase()];
        const schema = op?.requestBody?.content["application/json"]?.schema;
        for (const param of route.path.match(/(?<=:)[A-Za-z_]+/g) ?? [])
          expect(Object.keys(schema?.properties ?? {}), route.path).not.toContain(param);
      }
  });
});
