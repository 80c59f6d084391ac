import { afterAll, beforeAll, expect, test } from "vitest";

import { createClient, isKabinetError, paginate } from "../src/index.ts";
import { newUser, startTestServer, type TestServer } from "./helpers.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function member(first_name: string, last_name: string) {
  const client = createClient({ baseUrl: server.baseUrl });
  const { user } = await client.auth.register(newUser({ first_name, last_name }));
  return { client, id: user.id };
}

test("profiles and friends through the SDK: search, request, accept, page", async () => {
  const anna = await member("Анна", "Лебедева");
  const others = [
    await member("Борис", "Лебедев"),
    await member("Вера", "Лебедева"),
    await member("Глеб", "Лебедев"),
  ];
  const found: string[] = [];
  for await (const profile of paginate(anna.client.profiles.search, { name: "лебед", limit: 2 }))
    found.push(profile.display_name);
  expect(found).toEqual(["Анна Лебедева", "Борис Лебедев", "Вера Лебедева", "Глеб Лебедев"]);

  for (const other of others) {
    expect(await anna.client.friends.request({ user_id: other.id })).toEqual({
      user_id: other.id,
      status: "pending_outgoing",
    });
    expect((await other.client.friends.request({ user_id: anna.id })).status).toBe("friends");
  }
  const friends: number[] = [];
  for await (const friend of paginate(anna.client.friends.list, { limit: 2 }))
    friends.push(friend.user_id);
  expect(friends).toEqual(others.map((o) => o.id).reverse());

  const error = await anna.client.profiles.search({ name: "abc" }).catch((e: unknown) => e);
  expect(isKabinetError(error) && error.code).toBe("validation_failed");
});
