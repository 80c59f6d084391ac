import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, test } from "vitest";

import {
  fillPath,
  inputSplit,
  legacyApis,
  legacyOperationId,
  legacyTag,
  listOperations,
  openApiPath,
  operationAt,
  operations,
  queryString,
  REST_BASE,
  splitInput,
} from "@kabinet/contracts";

import { buildOpenApi, buildTrpcRouter } from "../src/testing.ts";
import { startTestServer, type TestServer } from "./helpers.ts";

/**
 * No drift: the contract's operations, no more and no fewer, on every surface the server
 * mounts: the REST router, the tRPC router and the OpenAPI document it serves. The contracts
 * check what they derive themselves; the SDK checks its methods.
 */
const contractIds = listOperations(operations)
  .map(([group, name]) => `${group}.${name}`)
  .sort();

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("every operation is mounted on every surface", () => {
  test("the OpenAPI document documents exactly the contract's operations", () => {
    const doc = buildOpenApi();
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        id: (op as { operationId: string }).operationId,
        path,
        method,
      })),
    );
    const unified = documented.filter((d) => !d.id.startsWith("legacy."));
    expect(unified.map((d) => d.id).sort()).toEqual(contractIds);
    for (const [group, name, op] of listOperations(operations)) {
      expect(documented).toContainEqual({
        id: `${group}.${name}`,
        path: `${REST_BASE}${openApiPath(op.path)}`,
        method: op.method.toLowerCase(),
      });
    }
  });

  test("the tRPC router holds exactly the contract's operations, with the right kind", () => {
    const procedures = buildTrpcRouter(server.app.services)._def.procedures as unknown as Record<
      string,
      { _def: { type: string } }
    >;
    expect(Object.keys(procedures).sort()).toEqual(contractIds);
    for (const [group, name, op] of listOperations(operations)) {
      expect(procedures[`${group}.${name}`]!._def.type).toBe(
        op.method === "GET" ? "query" : "mutation",
      );
    }
  });

  test("the REST router answers every operation's method and path, as the input split sends it", async () => {
    // What a route the router lacks answers, which no operation may.
    const unknown = await fetch(`${server.baseUrl}${REST_BASE}/no-such-route`);
    expect(((await unknown.json()) as { code: string }).code).toBe("not_found");
    for (const [group, name, op] of listOperations(operations)) {
      const input = Object.fromEntries(inputSplit(op).pathParams.map((p) => [p, randomUUID()]));
      const { params, query, body } = splitInput(op, input);
      const url = `${server.baseUrl}${REST_BASE}${fillPath(op, params)}${query ? queryString(query) : ""}`;
      const res = await fetch(url, {
        method: op.method,
        ...(query
          ? {}
          : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
      });
      const answer = (await res.json().catch(() => ({}))) as { code?: string; detail?: string };
      expect(answer.code, `${group}.${name}: ${answer.detail ?? ""}`).not.toBe("not_found");
    }
  });

  test("the served OpenAPI document is the generated one", async () => {
    const served = await (await fetch(`${server.baseUrl}${REST_BASE}/openapi.json`)).json();
    expect(served).toEqual(JSON.parse(JSON.stringify(buildOpenApi())));
  });
});

describe("every route of the older APIs is mounted, documented and runs an operation", () => {
  const routes = legacyApis.flatMap((api) =>
    Object.entries(api.routes).map(([name, route]) => ({ api, name, route })),
  );

  test("each runs an operation of the contract", () => {
    for (const { route } of routes) {
      const { group, name } = operationAt(route.runs);
      expect(contractIds).toContain(`${group}.${name}`);
    }
  });

  test("the OpenAPI document lists each under its API's tag, deprecated", () => {
    const doc = buildOpenApi() as unknown as {
      paths: Record<string, Record<string, { operationId: string; description: string }>>;
      tags: Array<{ name: string }>;
    };
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method, ...op })),
    );
    const legacyIds = documented.filter((d) => d.operationId.startsWith("legacy."));
    expect(legacyIds.map((d) => d.operationId).sort()).toEqual(
      routes.map(({ api, name }) => legacyOperationId(api, name)).sort(),
    );
    for (const { api, name, route } of routes) {
      const doc = documented.find((d) => d.operationId === legacyOperationId(api, name));
      expect(doc, `${api.name} ${name}`).toMatchObject({
        path: openApiPath(route.path),
        method: route.method.toLowerCase(),
        tags: [legacyTag(api)],
        deprecated: true,
        summary: route.summary,
      });
      expect(doc!.description).toContain(route.runs);
    }
    for (const api of legacyApis) expect(doc.tags.map((t) => t.name)).toContain(legacyTag(api));
  });

  test("the server answers each at its own path, not as an unknown one", async () => {
    for (const { api, name, route } of routes) {
      const path = route.path.replace(/:([a-zA-Z_]+)/g, "1");
      const res = await fetch(`${server.baseUrl}${path}`, {
        method: route.method,
        ...(route.method === "POST"
          ? { headers: { "content-type": "application/json" }, body: "{}" }
          : {}),
      });
      const text = await res.text();
      expect(res.headers.get("content-type"), `${api.name} ${name}`).toMatch(/json/);
      // What an unknown path of the API answers, which no mounted route may.
      const unknown = await fetch(`${server.baseUrl}${path}/no-such-method`, {
        method: route.method,
      });
      expect(text, `${api.name} ${name}`).not.toBe(
        (await unknown.text()).replace(`${path}/no-such-method`, path),
      );
    }
  });
});
