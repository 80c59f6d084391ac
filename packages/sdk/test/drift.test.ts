import { describe, expect, test } from "vitest";

import { listOperations, operations, pathParamNames, REST_BASE } from "@kabinet/contracts";

import { createClient, operationNames, type FetchLike } from "../src/index.ts";

/**
 * No drift: the SDK has the contract's operations, no more and no fewer, and each method calls
 * its own operation. No server is needed: the requests are only looked at.
 */
const contractIds = listOperations(operations)
  .map(([group, name]) => `${group}.${name}`)
  .sort();

describe("the SDK exposes exactly the contract's operations", () => {
  test("one method per operation", () => {
    expect([...operationNames].sort()).toEqual(contractIds);
    const client = createClient({ baseUrl: "http://kabinet.test" }) as unknown as Record<
      string,
      Record<string, unknown>
    >;
    for (const [group, name] of listOperations(operations)) {
      expect(typeof client[group]?.[name], `${group}.${name}`).toBe("function");
    }
  });

  test("each method sends its operation's method and path", async () => {
    const sent: string[] = [];
    const fetch: FetchLike = (url, init) => {
      sent.push(`${init.method} ${new URL(url).pathname}`);
      return Promise.resolve({
        status: 200,
        ok: true,
        headers: { get: () => null },
        text: () => Promise.resolve("{}"),
      });
    };
    const client = createClient({ baseUrl: "http://kabinet.test", fetch }) as unknown as Record<
      string,
      Record<string, (input: unknown) => Promise<unknown>>
    >;
    for (const [group, name, op] of listOperations(operations)) {
      const params = Object.fromEntries(pathParamNames(op.path).map((p, i) => [p, `p${i}`]));
      await client[group]![name]!(params);
      let path = op.path;
      for (const [param, value] of Object.entries(params)) path = path.replace(`:${param}`, value);
      expect(sent.at(-1), `${group}.${name}`).toBe(`${op.method} ${REST_BASE}${path}`);
    }
  });
});
