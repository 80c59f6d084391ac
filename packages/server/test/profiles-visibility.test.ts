import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { newUser, startTestServer, type TestServer } from "./helpers.ts";
import { expectOk, expectProblem, surfaces, type Outcome, type Surface } from "./surfaces.ts";

/*
 * One rule for who sees whom in the public views of people (the directory, profiles and the
 * name search): every member sees findable people (new, activated); holders of users:read see
 * blocked accounts too; removed accounts are in no public view. The search lists findable
 * people only, to everyone.
 */
describe.each(surfaces)("who sees whom over %s", (_surfaceName, makeSurface) => {
  let server: TestServer;
  let api: Surface;
  type Person = { id: number; token: string; login: string };
  /** The super: holds every permission. */
  let owner: Person;
  /** A plain member: no users:read. */
  let member: Person;
  /** A teacher: more rights than a member, but no users:read. */
  let teacher: Person;
  /** A plain user who holds users:read through a group. */
  let reader: Person;
  let findable: Person;
  let blocked: Person;
  let removed: Person;

  /** Everyone in one name, so the search can be asked about all of them at once. */
  const SURNAME = "Видимостев";

  async function signUp(prefix: string): Promise<Person> {
    const body = newUser({ last_name: SURNAME }, prefix);
    const { user, token } = expectOk(await api.call("auth", "register", body));
    return { id: user.id, token: token.access_token, login: body.login };
  }

  /** Every id the directory lists to `who`, through every page. */
  async function directoryIds(who: Person, extra: Record<string, unknown> = {}) {
    const ids: number[] = [];
    let cursor: string | undefined;
    do {
      const outcome = await api.call(
        "users",
        "directory",
        { limit: 2, ...extra, ...(cursor ? { cursor } : {}) },
        { token: who.token },
      );
      if (!outcome.ok) return outcome;
      ids.push(...outcome.data.items.map((u) => u.id));
      cursor = outcome.data.next_cursor ?? undefined;
    } while (cursor);
    return ids;
  }

  const entry = (who: Person, key: string, extra: Record<string, unknown> = {}) =>
    api.call("users", "directoryEntry", { key, ...extra }, { token: who.token });
  const profile = (who: Person, id: number, extra: Record<string, unknown> = {}) =>
    api.call("profiles", "get", { user_id: id, ...extra }, { token: who.token });
  const searchIds = async (who: Person) =>
    expectOk(
      await api.call("profiles", "search", { name: SURNAME, limit: 100 }, { token: who.token }),
    ).items.map((p) => p.user_id);

  /** Whether `who` sees `whom` in each single-person view: by id and login, and the profile. */
  async function singleViews(who: Person, whom: Person): Promise<boolean[]> {
    const outcomes: Outcome[] = [
      await entry(who, String(whom.id)),
      await entry(who, whom.login),
      await profile(who, whom.id),
    ];
    return outcomes.map((outcome) => {
      if (outcome.ok) return true;
      expectProblem(outcome, 404, "user_not_found");
      return false;
    });
  }

  beforeAll(async () => {
    server = await startTestServer();
    api = makeSurface(server);
    owner = await signUp("owner");
    member = await signUp("member");
    teacher = await signUp("teacher");
    reader = await signUp("reader");
    findable = await signUp("findable");
    blocked = await signUp("blocked");
    removed = await signUp("removed");
    const as = { token: owner.token };
    expectOk(await api.call("users", "setRole", { id: teacher.id, role: "teacher" }, as));
    const readers = expectOk(
      await api.call("groups", "create", { name: "Readers", permissions: ["users:read"] }, as),
    );
    expectOk(await api.call("groups", "addMember", { id: readers.id, user_id: reader.id }, as));
    expectOk(await api.call("users", "setState", { id: blocked.id, state: "blocked" }, as));
    expectOk(await api.call("users", "remove", { id: removed.id }, as));
  });
  afterAll(() => server.close());

  test("a member, and a teacher, see findable people only", async () => {
    for (const who of [member, teacher]) {
      const ids = await directoryIds(who);
      expect(ids).toEqual([owner.id, member.id, teacher.id, reader.id, findable.id]);
      expect(await singleViews(who, findable)).toEqual([true, true, true]);
      expect(await singleViews(who, blocked)).toEqual([false, false, false]);
      expect(await singleViews(who, removed)).toEqual([false, false, false]);
    }
  });

  test("holders of users:read, by group or by role, see blocked accounts too", async () => {
    for (const who of [reader, owner]) {
      const ids = await directoryIds(who);
      expect(ids).toEqual([owner.id, member.id, teacher.id, reader.id, findable.id, blocked.id]);
      expect(await singleViews(who, blocked)).toEqual([true, true, true]);
      expect(expectOk(await entry(who, blocked.login)).id).toBe(blocked.id);
      expect(expectOk(await profile(who, blocked.id)).user_id).toBe(blocked.id);
    }
  });

  test("nobody sees a removed account in a public view; administrators read it at /users", async () => {
    for (const who of [member, teacher, reader, owner]) {
      expect(await directoryIds(who)).not.toContain(removed.id);
      expect(await singleViews(who, removed)).toEqual([false, false, false]);
    }
    expect(
      expectOk(await api.call("users", "get", { id: removed.id }, { token: owner.token })).state,
    ).toBe("deleted");
  });

  test("the name search lists findable people only, whoever asks", async () => {
    const findableIds = [owner, member, teacher, reader, findable].map((p) => p.id);
    for (const who of [member, reader, owner])
      expect(new Set(await searchIds(who))).toEqual(new Set(findableIds));
  });

  test("no query parameter widens what a member sees", async () => {
    const widening: Record<string, unknown>[] = [
      { state: "blocked" },
      { state: "deleted" },
      { states: "new,activated,blocked,deleted" },
      { include_blocked: true },
      { include_removed: "true" },
      { all: "1" },
      { role: "super" },
      { permission: "users:read" },
      { as: owner.id },
    ];
    const plain = await directoryIds(member);
    for (const extra of widening) {
      const what = JSON.stringify(extra);
      // A parameter an operation does not take is refused (REST) or dropped (tRPC), never
      // heeded: where the views of a findable person answer, those of the others are 404.
      const ids = await directoryIds(member, extra);
      if (Array.isArray(ids)) expect(ids, what).toEqual(plain);
      else expectProblem(ids, 400, "validation_failed");
      const views = (whom: Person) => [
        entry(member, String(whom.id), extra),
        entry(member, whom.login, extra),
        profile(member, whom.id, extra),
      ];
      const seen = await Promise.all(views(findable));
      for (const whom of [blocked, removed]) {
        const hidden = await Promise.all(views(whom));
        hidden.forEach((outcome, i) => {
          if (seen[i]!.ok) expectProblem(outcome, 404, "user_not_found");
          else expectProblem(outcome, 400, "validation_failed");
        });
      }
    }
  });

  test("a cursor from a reader's page shows a member nothing more", async () => {
    // The reader's page that ends just before the blocked account.
    const before = expectOk(
      await api.call("users", "directory", { limit: 5 }, { token: reader.token }),
    );
    expect(before.items.at(-1)!.id).toBe(findable.id);
    expect(before.next_cursor).not.toBeNull();
    const further = expectOk(
      await api.call(
        "users",
        "directory",
        { limit: 5, cursor: before.next_cursor },
        { token: reader.token },
      ),
    );
    expect(further.items.map((u) => u.id)).toEqual([blocked.id]);
    const asMember = expectOk(
      await api.call(
        "users",
        "directory",
        { limit: 5, cursor: before.next_cursor },
        { token: member.token },
      ),
    );
    expect(asMember).toEqual({ items: [], next_cursor: null });
  });

  test("an unblocked account is back in every view, to members too", async () => {
    const person = await signUp("again");
    const as = { token: owner.token };
    expectOk(await api.call("users", "setState", { id: person.id, state: "blocked" }, as));
    expect(await singleViews(member, person)).toEqual([false, false, false]);
    expect(await directoryIds(member)).not.toContain(person.id);
    expectOk(await api.call("users", "setState", { id: person.id, state: "activated" }, as));
    expect(await singleViews(member, person)).toEqual([true, true, true]);
    expect(await directoryIds(member)).toContain(person.id);
    expect(await searchIds(member)).toContain(person.id);
  });
});
