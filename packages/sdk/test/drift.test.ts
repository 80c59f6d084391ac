import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, test } from "vitest";

import {
  listOperations,
  openApiPath,
  operations,
  pathParamNames,
  REST_BASE,
} from "@kabinet/contracts";
import { buildOpenApi, buildTrpcRouter } from "@kabinet/server/testing";

import { createClient, isKabinetError, operationNames } from "../src/index.ts";
import { startTestServer, type TestServer } from "./helpers.ts";

/**
 * No drift: the contract's operations, no more and no fewer, on every surface — the REST
 * router, the OpenAPI document, the tRPC router and this SDK. Adding an operation to only
 * some of them fails here.
 */
const contractIds = listOperations(operations)
  .map(([group, name]) => `${group}.${name}`)
  .sort();

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("every operation is exposed on every surface", () => {
  test("the OpenAPI document documents exactly the contract's operations", () => {
    const doc = buildOpenApi();
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        id: (op as { operationId: string }).operationId,
        path,
        method,
      })),
    );
    expect(documented.map((d) => d.id).sort()).toEqual(contractIds);
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

  test("the SDK has exactly the contract's operations", () => {
    expect([...operationNames].sort()).toEqual(contractIds);
  });

  test("the REST router answers every operation's method and path, as the SDK sends them", async () => {
    const sent: string[] = [];
    const client = createClient({
      baseUrl: server.baseUrl,
      fetch: async (url, init) => {
        sent.push(`${init.method} ${new URL(url).pathname}`);
        return fetch(url, init);
      },
    }) as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
    for (const [group, name, op] of listOperations(operations)) {
      const input = Object.fromEntries(pathParamNames(op.path).map((p) => [p, randomUUID()]));
      const error = await client[group]![name]!(input).catch((e: unknown) => e);
      if (isKabinetError(error, "not_found")) throw new Error(`${group}.${name}: ${error.detail}`);
      let path = op.path;
      for (const [param, value] of Object.entries(input)) path = path.replace(`:${param}`, value);
      expect(sent.at(-1)).toBe(`${op.method} ${REST_BASE}${path}`);
    }
  });

  test("the served OpenAPI document is the generated one", async () => {
    const served = await (await fetch(`${server.baseUrl}${REST_BASE}/openapi.json`)).json();
    expect(served).toEqual(JSON.parse(JSON.stringify(buildOpenApi())));
  });
});
