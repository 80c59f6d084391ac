import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { createClient, isKabinetError, paginate, type KabinetClient } from "../src/index.ts";
import { countingFetch, newUser, startTestServer, type TestServer } from "./helpers.ts";

let server: TestServer;
let admin: KabinetClient;
const counter = countingFetch();

beforeAll(async () => {
  server = await startTestServer();
  admin = createClient({ baseUrl: server.baseUrl, fetch: counter.fetch });
  await admin.auth.register(newUser());
  for (let i = 0; i < 7; i++)
    await admin.users.create({ ...newUser({ last_name: "Пагинова" }), role: "teacher" });
});
afterAll(() => server.close());

describe("administration through the SDK", () => {
  test("paginate walks every page of a list, one request per page", async () => {
    const before = counter.count("/users");
    const logins: string[] = [];
    for await (const user of paginate(admin.users.list, {
      q: "пагинова",
      limit: 3,
      sort: "login",
      order: "asc",
    })) {
      logins.push(user.login);
    }
    expect(logins).toHaveLength(7);
    expect(logins).toEqual([...logins].sort());
    expect(counter.count("/users") - before).toBe(3);
  });

  test("breaking out of the loop stops fetching", async () => {
    const before = counter.count("/logs");
    for await (const entry of paginate(admin.logs.list, { limit: 2 })) {
      expect(entry.action).toEqual(expect.any(String));
      break;
    }
    expect(counter.count("/logs") - before).toBe(1);
  });

  test("the CSV export comes back as text", async () => {
    const csv = await admin.logs.export({ action: "user.created" });
    const lines = csv.trim().split("\n");
    expect(lines[0]).toMatch(/^id,at,action,/);
    expect(lines).toHaveLength(8);
  });

  test("refusals are typed errors", async () => {
    const error = await admin.users
      .setRole({ id: 999_999, role: "teacher" })
      .catch((e: unknown) => e);
    expect(isKabinetError(error, "user_not_found")).toBe(true);
  });
});
