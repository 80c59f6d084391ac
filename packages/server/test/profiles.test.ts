import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { newUser, startTestServer, type TestServer } from "./helpers.ts";
import { expectOk, expectProblem, fields, surfaces, type Surface } from "./surfaces.ts";

describe.each(surfaces)("public profiles over %s", (_surfaceName, makeSurface) => {
  let server: TestServer;
  let api: Surface;
  let admin: string;
  let member: { id: number; token: string };

  async function signUp(overrides: Record<string, unknown> = {}) {
    const reg = expectOk(await api.call("auth", "register", newUser(overrides, "prof")));
    return { id: reg.user.id, token: reg.token.access_token };
  }

  const search = (name: string, extra: Record<string, unknown> = {}) =>
    api.call("profiles", "search", { name, ...extra }, { token: member.token });

  const names = async (name: string) =>
    expectOk(await search(name, { limit: 100 })).items.map((p) => p.display_name);

  beforeAll(async () => {
    server = await startTestServer();
    api = makeSurface(server);
    admin = (await signUp()).token;
    member = await signUp({ first_name: "Мария", last_name: "Иванова" });
  });
  afterAll(() => server.close());

  describe("one profile", () => {
    test("shows public fields only, the name falling back to first and last", async () => {
      const other = await signUp({
        first_name: "Пётр",
        last_name: "Сидоров",
        phone: "+79991234567",
        birthday: "2008-05-17",
      });
      const profile = expectOk(
        await api.call("profiles", "get", { user_id: other.id }, { token: member.token }),
      );
      expect(profile).toEqual({
        user_id: other.id,
        display_name: "Пётр Сидоров",
        pic: null,
        confirmed: false,
        bio: null,
        karma: 0,
      });
      expect(JSON.stringify(profile)).not.toMatch(/example\.org|7999|2008|login|email/);
    });

    test("the owner's display name and bio show once set; null brings the fallback back", async () => {
      const owner = await signUp({ first_name: "Ольга", last_name: "Кузнецова" });
      expectOk(
        await api.call(
          "me",
          "update",
          { display_name: "  Оля К.  ", bio: "Паяю и программирую." },
          { token: owner.token },
        ),
      );
      const get = () => api.call("profiles", "get", { user_id: owner.id }, { token: member.token });
      expect(expectOk(await get())).toMatchObject({
        display_name: "Оля К.",
        bio: "Паяю и программирую.",
      });
      expectOk(await api.call("me", "update", { display_name: null }, { token: owner.token }));
      expect(expectOk(await get()).display_name).toBe("Ольга Кузнецова");
    });

    test("display name and bio are bounded", async () => {
      const update = (patch: Record<string, unknown>) =>
        api.call("me", "update", patch, { token: member.token });
      for (const patch of [
        { display_name: "" },
        { display_name: "   " },
        { display_name: "x".repeat(65) },
        { display_name: "a\u0000b" },
        { bio: "x".repeat(501) },
        { bio: "a\u0000b" },
      ]) {
        const outcome = await update(patch);
        expectProblem(outcome, 400, "validation_failed");
        expect(fields(outcome)).toEqual([Object.keys(patch)[0]]);
      }
      expectOk(await update({ display_name: "x".repeat(64), bio: "y".repeat(500) }));
      expectOk(await update({ display_name: null, bio: null }));
    });

    test("needs a signed-in caller; an unknown id is user_not_found", async () => {
      expectProblem(await api.call("profiles", "get", { user_id: member.id }), 401, "unauthorized");
      expectProblem(
        await api.call("profiles", "get", { user_id: 999_999 }, { token: member.token }),
        404,
        "user_not_found",
      );
    });

    test("blocked people are found by holders of users:read only; removed ones by nobody", async () => {
      const blocked = await signUp({ first_name: "Заблокированный", last_name: "Профиль" });
      const removed = await signUp({ first_name: "Удалённый", last_name: "Профиль" });
      expectOk(
        await api.call("users", "setState", { id: blocked.id, state: "blocked" }, { token: admin }),
      );
      expectOk(await api.call("users", "remove", { id: removed.id }, { token: admin }));
      const get = (id: number, token: string) =>
        api.call("profiles", "get", { user_id: id }, { token });
      for (const { id } of [blocked, removed])
        expectProblem(await get(id, member.token), 404, "user_not_found");
      expect(expectOk(await get(blocked.id, admin)).user_id).toBe(blocked.id);
      expectProblem(await get(removed.id, admin), 404, "user_not_found");
      expect(await names("профиль")).toEqual([]);
    });
  });

  describe("search by name", () => {
    test("fewer than 4 characters (after trimming) is refused", async () => {
      for (const name of ["", "abc", "  ab  ", "щер"]) {
        const outcome = await search(name);
        expectProblem(outcome, 400, "validation_failed");
        expect(fields(outcome)).toEqual(["name"]);
      }
      expectProblem(await search("x".repeat(65)), 400, "validation_failed");
      expectProblem(await api.call("profiles", "search", { name: "abcd" }), 401, "unauthorized");
    });

    test("substrings, in any case, Cyrillic too, across the space", async () => {
      await signUp({ first_name: "Владислав", last_name: "Щербаков" });
      await signUp({ first_name: "Jonathan", last_name: "Smithson" });
      for (const q of ["ЩЕРБ", "щерб", "ербаков", "слав щер", "ВлАдИсЛаВ"])
        expect(await names(q)).toEqual(["Владислав Щербаков"]);
      for (const q of ["SMITH", "than smi", "jonathan smithson"])
        expect(await names(q)).toEqual(["Jonathan Smithson"]);
    });

    test("a display name replaces the fallback name in matching too", async () => {
      const masked = await signUp({ first_name: "Евгений", last_name: "Маскировкин" });
      expectOk(
        await api.call("me", "update", { display_name: "Zorro Rider" }, { token: masked.token }),
      );
      expect(await names("маскировкин")).toEqual([]);
      expect(await names("zorro")).toEqual(["Zorro Rider"]);
    });

    test("found by the new name only after a rename; found again once unblocked", async () => {
      const person = await signUp({ first_name: "Переменчивый", last_name: "Человеков" });
      expect(await names("переменч")).toEqual(["Переменчивый Человеков"]);
      expectOk(
        await api.call("me", "update", { display_name: "Новоимённый" }, { token: person.token }),
      );
      expect(await names("переменч")).toEqual([]);
      expect(await names("новоимён")).toEqual(["Новоимённый"]);
      expectOk(await api.call("me", "update", { display_name: null }, { token: person.token }));
      expect(await names("новоимён")).toEqual([]);
      expect(await names("человеков")).toEqual(["Переменчивый Человеков"]);
      expectOk(
        await api.call("users", "setState", { id: person.id, state: "blocked" }, { token: admin }),
      );
      expect(await names("человеков")).toEqual([]);
      expectOk(
        await api.call(
          "users",
          "setState",
          { id: person.id, state: "activated" },
          { token: admin },
        ),
      );
      expect(await names("человеков")).toEqual(["Переменчивый Человеков"]);
    });

    test("wildcards are taken literally", async () => {
      expect(await names("%%%%")).toEqual([]);
      expect(await names("____")).toEqual([]);
    });

    test("pages through every match, in name order, once each", async () => {
      const first = ["Алексей", "Борис", "Виктор", "Григорий", "Дмитрий"];
      for (const name of [...first].reverse())
        await signUp({ first_name: name, last_name: "Пагинаторов" });
      // Names sharing the term's fragments without containing it are passed over.
      await signUp({ first_name: "Аарон", last_name: "Пагинов" });
      await signUp({ first_name: "Абрам", last_name: "Натора" });
      // A longer term and one exactly a fragment long.
      for (const term of ["пагинатор", "гина"]) {
        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = expectOk(await search(term, { limit: 2, ...(cursor ? { cursor } : {}) }));
          expect(page.items.length).toBeLessThanOrEqual(2);
          seen.push(...page.items.map((p) => p.display_name));
          cursor = page.next_cursor ?? undefined;
          pages += 1;
        } while (cursor);
        expect(pages).toBe(3);
        expect(seen).toEqual(first.map((name) => `${name} Пагинаторов`));
      }
    });

    test("a forged cursor is a 400", async () => {
      const outcome = await search("пагинатор", { cursor: "bm90LWEtY3Vyc29y" });
      expectProblem(outcome, 400, "validation_failed");
      expect(fields(outcome)).toEqual(["cursor"]);
    });
  });
});
