import { randomUUID } from "node:crypto";
import { listOperations, openApiPath, operations, pathParamNames, REST_BASE } from "@kabinet/contracts";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildOpenApi, buildTrpcRouter } from "../src/app.ts";
import { startTestServer, type TestServer } from "./helpers.ts";

/** No drift: the contract's operations, no more and no fewer, on every surface. */
const contractIds = listOperations(operations).map(([group, name]) => `${group}.${name}`).sort();

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("every operation is exposed on every surface", () => {
  test("the OpenAPI document documents exactly the contract's operations", () => {
    const doc = buildOpenApi();
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ id: (op as { operationId: string }).operationId, path, method })),
    );
    expect(documented.map((d) => d.id).sort()).toEqual(contractIds);
    for (const [group, name, op] of listOperations(operations)) {
      expect(documented).toContainEqual({ id: `${group}.${name}`, path: `${REST_BASE}${openApiPath(op.path)}`, method: op.method.toLowerCase() });
    }
  });

  test("the tRPC router holds exactly the contract's operations, with the right kind", () => {
    const procedures = buildTrpcRouter(server.app.services)._def.procedures as unknown as Record<string, { _def: { type: string } }>;
    expect(Object.keys(procedures).sort()).toEqual(contractIds);
    for (const [group, name, op] of listOperations(operations)) {
      expect(procedures[`${group}.${name}`]!._def.type).toBe(op.method === "GET" ? "query" : "mutation");
    }
  });

  test("the REST router answers every operation's method and path", async () => {
    for (const [, , op] of listOperations(operations)) {
      let path = op.path;
      for (const param of pathParamNames(op.path)) path = path.replace(`:${param}`, randomUUID());
      const res = await fetch(`${server.baseUrl}${REST_BASE}${path}`, {
        method: op.method,
        headers: op.method === "GET" ? {} : { "content-type": "application/json" },
        body: op.method === "GET" ? undefined : "{}",
      });
      const body = (await res.json()) as { code?: string; detail?: string };
      expect(body.detail ?? "", `${op.method} ${op.path}`).not.toMatch(/^No route/);
    }
  });

  test("the served OpenAPI document is the generated one", async () => {
    const served = await (await fetch(`${server.baseUrl}${REST_BASE}/openapi.json`)).json();
    expect(served).toEqual(JSON.parse(JSON.stringify(buildOpenApi())));
  });
});
