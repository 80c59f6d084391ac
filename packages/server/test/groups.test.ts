import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { newUser, startTestServer, type TestServer } from "./helpers.ts";
import { expectOk, expectProblem, fields, surfaces, type Surface } from "./surfaces.ts";

describe.each(surfaces)("groups and permissions over %s", (_surfaceName, makeSurface) => {
  let server: TestServer;
  let api: Surface;
  let admin: string;
  let owner: string;

  async function account(role: "user" | "teacher" = "user") {
    const body = newUser({ role }, role);
    const { user } = expectOk(await api.call("users", "create", body, { token: owner }));
    const signedIn = expectOk(
      await api.call("auth", "login", { login: body.login, password: body.password }),
    );
    return { id: user.id, token: signedIn.token.access_token };
  }

  beforeAll(async () => {
    server = await startTestServer();
    api = makeSurface(server);
    owner = expectOk(await api.call("auth", "register", newUser({}, "owner"))).token.access_token;
    const body = newUser({ role: "admin" }, "admin");
    expectOk(await api.call("users", "create", body, { token: owner }));
    admin = expectOk(
      await api.call("auth", "login", { login: body.login, password: body.password }),
    ).token.access_token;
  });
  afterAll(() => server.close());

  test("create, read, rename, list by name and delete", async () => {
    const group = expectOk(
      await api.call(
        "groups",
        "create",
        {
          name: "  Laser crew ",
          permissions: ["device:laser-cutter:use", "events:mark", "events:mark"],
        },
        { token: owner },
      ),
    );
    expect(group).toMatchObject({
      name: "Laser crew",
      description: null,
      permissions: ["device:laser-cutter:use", "events:mark"],
      member_count: 0,
    });
    expect(expectOk(await api.call("groups", "get", { id: group.id }, { token: owner }))).toEqual(
      group,
    );
    const renamed = expectOk(
      await api.call(
        "groups",
        "update",
        { id: group.id, name: "Laser cutters", description: "Trained" },
        { token: owner },
      ),
    );
    expect(renamed).toMatchObject({
      name: "Laser cutters",
      description: "Trained",
      permissions: group.permissions,
    });
    const listed = expectOk(await api.call("groups", "list", { q: "laser" }, { token: owner }));
    expect(listed.items.map((g) => g.id)).toEqual([group.id]);
    expectOk(await api.call("groups", "remove", { id: group.id }, { token: owner }));
    expectProblem(
      await api.call("groups", "get", { id: group.id }, { token: owner }),
      404,
      "group_not_found",
    );
    expectProblem(
      await api.call("groups", "remove", { id: group.id }, { token: owner }),
      404,
      "group_not_found",
    );
  });

  test("names are unique case-insensitively; unknown permissions are refused", async () => {
    expectOk(await api.call("groups", "create", { name: "Welders" }, { token: admin }));
    expectProblem(
      await api.call("groups", "create", { name: "WELDERS" }, { token: admin }),
      409,
      "group_name_taken",
    );
    const bad = await api.call(
      "groups",
      "create",
      { name: "Pilots", permissions: ["fly:plane", "device:Bad Slug:use"] },
      { token: admin },
    );
    expectProblem(bad, 400, "validation_failed");
    expect(fields(bad)).toEqual(["permissions.0", "permissions.1"]);
    const other = expectOk(
      await api.call("groups", "create", { name: "Painters" }, { token: admin }),
    );
    expectProblem(
      await api.call("groups", "update", { id: other.id, name: "welders" }, { token: admin }),
      409,
      "group_name_taken",
    );
  });

  test("lists page by cursor in name order", async () => {
    for (const name of ["Page C", "Page A", "Page B"])
      expectOk(await api.call("groups", "create", { name }, { token: admin }));
    const first = expectOk(
      await api.call("groups", "list", { q: "page ", limit: 2 }, { token: admin }),
    );
    const second = expectOk(
      await api.call(
        "groups",
        "list",
        { q: "page ", limit: 2, cursor: first.next_cursor },
        { token: admin },
      ),
    );
    expect([...first.items, ...second.items].map((g) => g.name)).toEqual([
      "Page A",
      "Page B",
      "Page C",
    ]);
    expect(second.next_cursor).toBeNull();
  });

  test("members gain the group's permissions at once and lose them on removal", async () => {
    const member = await account();
    const group = expectOk(
      await api.call(
        "groups",
        "create",
        { name: "Laser users", permissions: ["device:laser-cutter:use"] },
        { token: owner },
      ),
    );
    const before = expectOk(await api.call("me", "permissions", {}, { token: member.token }));
    expect(before.permissions).not.toContain("device:laser-cutter:use");

    expectOk(
      await api.call("groups", "addMember", { id: group.id, user_id: member.id }, { token: owner }),
    );
    expectOk(
      await api.call("groups", "addMember", { id: group.id, user_id: member.id }, { token: owner }),
    );
    expect(
      expectOk(await api.call("me", "permissions", {}, { token: member.token })).permissions,
    ).toContain("device:laser-cutter:use");
    const seen = expectOk(
      await api.call("users", "permissions", { id: member.id }, { token: owner }),
    );
    expect(seen.permissions).toContain("device:laser-cutter:use");
    const me = expectOk(await api.call("me", "get", {}, { token: member.token }));
    expect(me.groups).toEqual([{ id: group.id, name: "Laser users" }]);
    expect(
      expectOk(await api.call("groups", "get", { id: group.id }, { token: owner })).member_count,
    ).toBe(1);
    const members = expectOk(
      await api.call("groups", "members", { id: group.id }, { token: owner }),
    );
    expect(members.items).toEqual([expect.objectContaining({ id: member.id, role: "user" })]);

    expectOk(
      await api.call(
        "groups",
        "removeMember",
        { id: group.id, user_id: member.id },
        { token: owner },
      ),
    );
    expect(
      expectOk(await api.call("me", "permissions", {}, { token: member.token })).permissions,
    ).not.toContain("device:laser-cutter:use");
    expectProblem(
      await api.call(
        "groups",
        "removeMember",
        { id: group.id, user_id: member.id },
        { token: owner },
      ),
      404,
      "user_not_found",
    );
  });

  test("deleting a group takes its permissions from its members", async () => {
    const member = await account();
    const group = expectOk(
      await api.call(
        "groups",
        "create",
        { name: "Temporary", permissions: ["news:write"] },
        { token: admin },
      ),
    );
    expectOk(
      await api.call("groups", "addMember", { id: group.id, user_id: member.id }, { token: admin }),
    );
    expect(
      expectOk(await api.call("me", "permissions", {}, { token: member.token })).permissions,
    ).toContain("news:write");
    expectOk(await api.call("groups", "remove", { id: group.id }, { token: admin }));
    expect(
      expectOk(await api.call("me", "permissions", {}, { token: member.token })).permissions,
    ).not.toContain("news:write");
  });

  test("unknown groups and users are 404", async () => {
    const group = expectOk(
      await api.call("groups", "create", { name: "Lonely" }, { token: admin }),
    );
    expectProblem(
      await api.call("groups", "addMember", { id: 999_999, user_id: 1 }, { token: admin }),
      404,
      "group_not_found",
    );
    expectProblem(
      await api.call("groups", "addMember", { id: group.id, user_id: 999_999 }, { token: admin }),
      404,
      "user_not_found",
    );
    expectProblem(
      await api.call("groups", "members", { id: 999_999 }, { token: admin }),
      404,
      "group_not_found",
    );
    expectProblem(
      await api.call("groups", "update", { id: 999_999, name: "X" }, { token: admin }),
      404,
      "group_not_found",
    );
  });

  test("a permission granted by a group opens its operations; granting is bounded by one's own", async () => {
    const teacher = await account("teacher");
    expectProblem(await api.call("groups", "list", {}, { token: teacher.token }), 403, "forbidden");
    const managers = expectOk(
      await api.call(
        "groups",
        "create",
        { name: "Group managers", permissions: ["groups:manage"] },
        { token: admin },
      ),
    );
    expectOk(
      await api.call(
        "groups",
        "addMember",
        { id: managers.id, user_id: teacher.id },
        { token: admin },
      ),
    );
    expectOk(await api.call("groups", "list", {}, { token: teacher.token }));
    // The teacher holds no users:manage, so cannot hand it out (and so cannot raise itself).
    expectProblem(
      await api.call(
        "groups",
        "create",
        { name: "Escalation", permissions: ["users:manage"] },
        { token: teacher.token },
      ),
      403,
      "forbidden",
    );
    // Machine permissions too: a group of a machine grants its use.
    expectProblem(
      await api.call(
        "groups",
        "create",
        { name: "Drill press", permissions: ["device:drill-press:use"] },
        { token: teacher.token },
      ),
      403,
      "forbidden",
    );
    expectProblem(await api.call("users", "list", {}, { token: teacher.token }), 403, "forbidden");
  });

  test("the catalogue lists general permissions and the machine permissions in use", async () => {
    expectOk(
      await api.call(
        "groups",
        "create",
        { name: "Lathe", permissions: ["device:lathe:use"] },
        { token: owner },
      ),
    );
    const { items } = expectOk(await api.call("permissions", "list", {}, { token: admin }));
    const names = items.map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining(["users:manage", "logs:read", "device:lathe:use"]),
    );
    expect(items.find((p) => p.name === "device:lathe:use")?.kind).toBe("device");
    expect(new Set(names).size).toBe(names.length);
  });

  test("super holds every permission", async () => {
    const { permissions } = expectOk(await api.call("me", "permissions", {}, { token: owner }));
    expect(permissions).toEqual(
      expect.arrayContaining(["users:manage", "groups:manage", "logs:read", "devices:manage"]),
    );
  });
});
