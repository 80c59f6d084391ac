import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { newUser, startTestServer, type TestServer } from "./helpers.ts";
import { expectOk, expectProblem, surfaces, type Surface } from "./surfaces.ts";

/*
 * The members' directory: every signed-in person sees the public profiles of findable people
 * (who sees blocked and removed accounts is profiles-visibility.test.ts); email and birthday
 * only their own, unless they hold users:read.
 */
describe.each(surfaces)("the members' directory over %s", (_surfaceName, makeSurface) => {
  let server: TestServer;
  let api: Surface;
  let owner: { id: number; token: string };
  let member: { id: number; token: string; login: string; email: string };
  let other: { id: number; token: string; login: string; email: string };

  async function signUp(prefix: string, extra: Record<string, unknown> = {}) {
    const body = newUser(extra, prefix);
    const { user, token } = expectOk(await api.call("auth", "register", body));
    return { id: user.id, token: token.access_token, login: body.login, email: body.email };
  }

  beforeAll(async () => {
    server = await startTestServer();
    api = makeSurface(server);
    owner = await signUp("owner");
    member = await signUp("member", { birthday: "2004-05-06" });
    other = await signUp("other", { birthday: "2003-01-02", patronymic: "Ивановна" });
  });
  afterAll(() => server.close());

  test("needs a signed-in person, and no permission", async () => {
    expectProblem(await api.call("users", "directory", {}), 401, "unauthorized");
    expectProblem(await api.call("users", "directoryEntry", { key: "1" }), 401, "unauthorized");
    expectOk(await api.call("users", "directory", {}, { token: member.token }));
  });

  test("a member sees public profiles; private fields only their own", async () => {
    const page = expectOk(await api.call("users", "directory", {}, { token: member.token }));
    const seen = new Map(page.items.map((u) => [u.id, u]));
    expect(seen.get(other.id)).toMatchObject({
      login: other.login,
      patronymic: "Ивановна",
      role: "user",
      email: null,
      birthday: null,
    });
    expect(seen.get(owner.id)).toMatchObject({ role: "super", email: null });
    expect(seen.get(member.id)).toMatchObject({ email: member.email, birthday: "2004-05-06" });
  });

  test("a holder of users:read sees private fields", async () => {
    const entry = expectOk(
      await api.call("users", "directoryEntry", { key: other.login }, { token: owner.token }),
    );
    expect(entry).toMatchObject({ id: other.id, email: other.email, birthday: "2003-01-02" });
  });

  test("pages oldest first by cursor, leaving blocked and removed accounts out", async () => {
    const gone = await signUp("gone");
    expectOk(await api.call("users", "remove", { id: gone.id }, { token: owner.token }));
    const blocked = await signUp("blocked");
    expectOk(
      await api.call(
        "users",
        "setState",
        { id: blocked.id, state: "blocked" },
        { token: owner.token },
      ),
    );
    const ids: number[] = [];
    let cursor: string | undefined;
    do {
      const page = expectOk(
        await api.call(
          "users",
          "directory",
          { limit: 2, ...(cursor ? { cursor } : {}) },
          { token: member.token },
        ),
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      ids.push(...page.items.map((u) => u.id));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(ids).toEqual([owner.id, member.id, other.id]);
    expectProblem(
      await api.call("users", "directory", { limit: 101 }, { token: member.token }),
      400,
      "validation_failed",
    );
  });

  test("one person by id or by login; digits are an id first, then a login", async () => {
    const byId = expectOk(
      await api.call("users", "directoryEntry", { key: String(other.id) }, { token: member.token }),
    );
    const byLogin = expectOk(
      await api.call(
        "users",
        "directoryEntry",
        { key: other.login.toUpperCase() },
        { token: member.token },
      ),
    );
    expect(byLogin).toEqual(byId);
    const digits = await signUp("digits", { login: "90210" });
    const found = expectOk(
      await api.call("users", "directoryEntry", { key: "90210" }, { token: member.token }),
    );
    expect(found.id).toBe(digits.id);
    const first = expectOk(
      await api.call("users", "directoryEntry", { key: String(owner.id) }, { token: member.token }),
    );
    expect(first.id).toBe(owner.id);
    expectProblem(
      await api.call("users", "directoryEntry", { key: "nobody_at_all" }, { token: member.token }),
      404,
      "user_not_found",
    );
    expectProblem(
      await api.call("users", "directoryEntry", { key: "99999999999" }, { token: member.token }),
      404,
      "user_not_found",
    );
  });
});
