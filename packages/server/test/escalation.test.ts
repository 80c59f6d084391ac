import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import type { Operations } from "@kabinet/contracts";

import { newUser, startTestServer, type TestServer } from "./helpers.ts";
import { expectOk, expectProblem, surfaces, type Outcome, type Surface } from "./surfaces.ts";

type Actor =
  "groupManager" | "deviceManager" | "workshopManager" | "admin" | "teacher" | "instructor";

interface Account {
  id: number;
  token: string;
}

/** What a privilege escalation would change: the accounts, groups, members and machines. */
interface Snapshot {
  permissions: Record<string, string[]>;
  accounts: unknown[];
  groups: unknown[];
  members: Record<string, number[]>;
  devices: unknown[];
  lastLogId: number | undefined;
}

/**
 * Low-privilege accounts trying to raise themselves (or to change what they may not) through
 * every operation that touches groups, memberships, roles and machines. Each attempt must be
 * refused with 403, and leave every account's permissions, role and state, every group and its
 * members, every device and the audit log exactly as they were.
 */
describe.each(surfaces)("no privilege escalation over %s", (_surfaceName, makeSurface) => {
  let server: TestServer;
  let api: Surface;
  let owner: Account;
  const actors = {} as Record<Actor, Account>;
  const targets = {} as Record<"otherAdmin" | "bystander", Account>;
  const groups = {} as Record<
    "staff" | "laser" | "managers" | "deviceManagers" | "drill" | "own",
    number
  >;
  const devices = {} as Record<"laser" | "drill", number>;

  async function account(role: "user" | "teacher" | "admin", by = owner.token): Promise<Account> {
    const body = newUser({ role }, role);
    const { user } = expectOk(await api.call("users", "create", body, { token: by }));
    const signedIn = expectOk(
      await api.call("auth", "login", { login: body.login, password: body.password }),
    );
    return { id: user.id, token: signedIn.token.access_token };
  }

  async function group(name: string, permissions: string[], members: Account[]): Promise<number> {
    const { id } = expectOk(
      await api.call("groups", "create", { name, permissions }, { token: owner.token }),
    );
    for (const member of members)
      expectOk(
        await api.call("groups", "addMember", { id, user_id: member.id }, { token: owner.token }),
      );
    return id;
  }

  beforeAll(async () => {
    server = await startTestServer();
    api = makeSurface(server);
    const registered = expectOk(await api.call("auth", "register", newUser({}, "owner")));
    owner = { id: registered.user.id, token: registered.token.access_token };

    actors.groupManager = await account("user");
    actors.deviceManager = await account("user");
    actors.workshopManager = await account("user");
    actors.admin = await account("admin");
    actors.teacher = await account("teacher");
    actors.instructor = await account("teacher");
    targets.otherAdmin = await account("admin");
    targets.bystander = await account("user");

    groups.managers = await group(
      "Group managers",
      ["groups:manage"],
      [actors.groupManager, actors.workshopManager, actors.instructor],
    );
    groups.deviceManagers = await group(
      "Device managers",
      ["devices:manage"],
      [actors.deviceManager, actors.workshopManager],
    );
    groups.staff = await group(
      "Staff",
      ["devices:manage", "logs:read", "users:manage"],
      [targets.bystander],
    );
    groups.laser = await group(
      "Laser trained",
      ["device:laser-cutter:use"],
      [targets.bystander, actors.instructor],
    );
    groups.own = await group("Own news", ["news:write"], []);
    devices.laser = expectOk(
      await api.call(
        "devices",
        "create",
        { name: "Laser cutter", slug: "laser-cutter" },
        { token: owner.token },
      ),
    ).device.id;
    // Registering a machine grants nothing, so a device manager may; using it is another matter.
    devices.drill = expectOk(
      await api.call(
        "devices",
        "create",
        { name: "Drill press", slug: "drill-press" },
        { token: actors.workshopManager.token },
      ),
    ).device.id;
    groups.drill = await group("Drill trained", ["device:drill-press:use"], []);
  });
  afterAll(() => server.close());

  async function snapshot(): Promise<Snapshot> {
    const as = { token: owner.token };
    const permissions: Record<string, string[]> = {};
    for (const [name, actor] of Object.entries(actors))
      permissions[name] = expectOk(
        await api.call("me", "permissions", {}, { token: actor.token }),
      ).permissions;
    const accounts: unknown[] = [];
    for (const { id } of [owner, ...Object.values(actors), ...Object.values(targets)]) {
      const user = expectOk(await api.call("users", "get", { id }, as));
      accounts.push({
        id,
        login: user.login,
        first_name: user.first_name,
        role: user.role,
        state: user.state,
        groups: user.groups,
        permissions: user.permissions,
        password_change_required: user.password_change_required,
      });
    }
    const listed = expectOk(await api.call("groups", "list", { limit: 100 }, as)).items;
    const members: Record<string, number[]> = {};
    for (const { id } of listed)
      members[id] = expectOk(await api.call("groups", "members", { id, limit: 100 }, as)).items.map(
        (m) => m.id,
      );
    const machines = expectOk(await api.call("devices", "list", { limit: 100 }, as)).items;
    const [last] = expectOk(await api.call("logs", "list", { limit: 1, order: "desc" }, as)).items;
    return {
      permissions,
      accounts,
      groups: listed,
      members,
      devices: machines.map(({ last_seen_at: _seen, ...device }) => device),
      lastLogId: last?.id,
    };
  }

  /** The sentence a refusal carries: the problem's `detail` (REST), the error's message (tRPC). */
  function detailOf(outcome: Outcome): string | undefined {
    if (outcome.ok) return undefined;
    if (outcome.raw instanceof TRPCClientError) return outcome.raw.message;
    return (outcome.raw as { data?: { detail?: string } }).data?.detail;
  }

  interface Attempt {
    actor: Actor;
    does: string;
    group: keyof Operations;
    op: string;
    input: () => Record<string, unknown>;
  }

  const self = (actor: Actor) => () => actors[actor].id;
  const attempts: Attempt[] = [
    // Managing groups, without holding what a group grants.
    ...(["groupManager", "workshopManager"] as const).flatMap((actor): Attempt[] => [
      {
        actor,
        does: "adds itself to a group granting users:manage, logs:read and devices:manage",
        group: "groups",
        op: "addMember",
        input: () => ({ id: groups.staff, user_id: self(actor)() }),
      },
      {
        actor,
        does: "adds itself to a group granting a machine permission",
        group: "groups",
        op: "addMember",
        input: () => ({ id: groups.laser, user_id: self(actor)() }),
      },
      {
        actor,
        does: "adds someone else to a group granting more than it holds",
        group: "groups",
        op: "addMember",
        input: () => ({ id: groups.staff, user_id: actors.teacher.id }),
      },
      {
        actor,
        does: "removes a member of a group granting more than it holds",
        group: "groups",
        op: "removeMember",
        input: () => ({ id: groups.staff, user_id: targets.bystander.id }),
      },
      {
        actor,
        does: "renames a group granting more than it holds",
        group: "groups",
        op: "update",
        input: () => ({ id: groups.staff, name: "Ours now" }),
      },
      {
        actor,
        does: "describes a group granting more than it holds",
        group: "groups",
        op: "update",
        input: () => ({ id: groups.staff, description: "Ours now" }),
      },
      {
        actor,
        does: "narrows the permissions of a group granting more than it holds",
        group: "groups",
        op: "update",
        input: () => ({ id: groups.staff, permissions: ["logs:read"] }),
      },
      {
        actor,
        does: "deletes a group granting more than it holds",
        group: "groups",
        op: "remove",
        input: () => ({ id: groups.staff }),
      },
      {
        actor,
        does: "deletes a machine group",
        group: "groups",
        op: "remove",
        input: () => ({ id: groups.laser }),
      },
      {
        actor,
        does: "adds users:manage to its own group",
        group: "groups",
        op: "update",
        input: () => ({ id: groups.managers, permissions: ["groups:manage", "users:manage"] }),
      },
      {
        actor,
        does: "adds a machine permission to its own group",
        group: "groups",
        op: "update",
        input: () => ({
          id: groups.managers,
          permissions: ["device:laser-cutter:use", "groups:manage"],
        }),
      },
      {
        actor,
        does: "adds users:manage to a group it may change",
        group: "groups",
        op: "update",
        input: () => ({ id: groups.own, permissions: ["news:write", "users:manage"] }),
      },
      {
        actor,
        does: "creates a group granting users:manage",
        group: "groups",
        op: "create",
        input: () => ({ name: `Escalation ${actor}`, permissions: ["users:manage"] }),
      },
      {
        actor,
        does: "creates a group granting a machine permission",
        group: "groups",
        op: "create",
        input: () => ({ name: `Laser ${actor}`, permissions: ["device:laser-cutter:use"] }),
      },
    ]),
    // Registering a machine, then reaching it through a group.
    {
      actor: "workshopManager",
      does: "creates a group for the machine it registered",
      group: "groups",
      op: "create",
      input: () => ({ name: "My drill", permissions: ["device:drill-press:use"] }),
    },
    {
      actor: "workshopManager",
      does: "adds itself to the group of the machine it registered",
      group: "groups",
      op: "addMember",
      input: () => ({ id: groups.drill, user_id: actors.workshopManager.id }),
    },
    {
      actor: "workshopManager",
      does: "opens the machine it registered to a permission it holds",
      group: "devices",
      op: "update",
      input: () => ({ id: devices.drill, required_permission: "groups:manage" }),
    },
    // Managing devices, without being allowed to use the machine.
    ...(["deviceManager", "workshopManager"] as const).flatMap((actor): Attempt[] => [
      {
        actor,
        does: "opens a machine to a permission it holds",
        group: "devices",
        op: "update",
        input: () => ({ id: devices.laser, required_permission: "devices:manage" }),
      },
      {
        actor,
        does: "opens a machine to everyone",
        group: "devices",
        op: "update",
        input: () => ({ id: devices.laser, required_permission: "profile:edit" }),
      },
    ]),
    {
      actor: "deviceManager",
      does: "adds itself to a machine group without groups:manage",
      group: "groups",
      op: "addMember",
      input: () => ({ id: groups.laser, user_id: actors.deviceManager.id }),
    },
    // An admin reaching the super, another admin, or a machine.
    {
      actor: "admin",
      does: "changes its own role",
      group: "users",
      op: "setRole",
      input: () => ({ id: actors.admin.id, role: "teacher" }),
    },
    {
      actor: "admin",
      does: "raises a member to admin",
      group: "users",
      op: "setRole",
      input: () => ({ id: targets.bystander.id, role: "admin" }),
    },
    {
      actor: "admin",
      does: "lowers another admin",
      group: "users",
      op: "setRole",
      input: () => ({ id: targets.otherAdmin.id, role: "user" }),
    },
    {
      actor: "admin",
      does: "creates an admin",
      group: "users",
      op: "create",
      input: () => newUser({ role: "admin" }, "raised"),
    },
    ...(["owner", "otherAdmin"] as const).flatMap((target): Attempt[] => {
      const id = () => (target === "owner" ? owner.id : targets.otherAdmin.id);
      return [
        {
          actor: "admin",
          does: `edits the ${target}`,
          group: "users",
          op: "update",
          input: () => ({ id: id(), first_name: "Ян", email: "taken.over@example.org" }),
        },
        {
          actor: "admin",
          does: `blocks the ${target}`,
          group: "users",
          op: "setState",
          input: () => ({ id: id(), state: "blocked" }),
        },
        {
          actor: "admin",
          does: `resets the password of the ${target}`,
          group: "users",
          op: "resetPassword",
          input: () => ({ id: id() }),
        },
        {
          actor: "admin",
          does: `removes the ${target}`,
          group: "users",
          op: "remove",
          input: () => ({ id: id() }),
        },
      ];
    }),
    {
      actor: "admin",
      does: "adds itself to a machine group",
      group: "groups",
      op: "addMember",
      input: () => ({ id: groups.laser, user_id: actors.admin.id }),
    },
    {
      actor: "admin",
      does: "adds a machine permission to a group",
      group: "groups",
      op: "update",
      input: () => ({ id: groups.own, permissions: ["device:laser-cutter:use", "news:write"] }),
    },
    {
      actor: "admin",
      does: "deletes a machine group",
      group: "groups",
      op: "remove",
      input: () => ({ id: groups.laser }),
    },
    {
      actor: "admin",
      does: "opens a machine to admins",
      group: "devices",
      op: "update",
      input: () => ({ id: devices.laser, required_permission: "users:manage" }),
    },
    // A teacher, with nothing to manage, and one who trains others on a machine.
    ...(
      [
        [
          "adds itself to a group",
          "groups",
          "addMember",
          () => ({ id: groups.staff, user_id: actors.teacher.id }),
        ],
        [
          "creates a group",
          "groups",
          "create",
          () => ({ name: "Teachers", permissions: ["users:manage"] }),
        ],
        ["renames a group", "groups", "update", () => ({ id: groups.own, name: "Teachers" })],
        ["deletes a group", "groups", "remove", () => ({ id: groups.own })],
        [
          "makes itself an admin",
          "users",
          "setRole",
          () => ({ id: actors.teacher.id, role: "admin" }),
        ],
        ["creates an account", "users", "create", () => newUser({ role: "user" }, "pupil")],
        ["registers a machine", "devices", "create", () => ({ name: "Mine", slug: "mine" })],
        [
          "opens a machine to everyone",
          "devices",
          "update",
          () => ({ id: devices.laser, required_permission: "profile:edit" }),
        ],
      ] as const
    ).map(([does, group, op, input]): Attempt => ({ actor: "teacher", does, group, op, input })),
    {
      actor: "admin",
      does: "takes over an account holding a machine permission it lacks, by resetting its password",
      group: "users",
      op: "resetPassword",
      input: () => ({ id: targets.bystander.id }),
    },
    {
      actor: "instructor",
      does: "adds users:manage to the machine group it belongs to",
      group: "groups",
      op: "update",
      input: () => ({
        id: groups.laser,
        permissions: ["device:laser-cutter:use", "users:manage"],
      }),
    },
    {
      actor: "instructor",
      does: "adds itself to a group granting users:manage",
      group: "groups",
      op: "addMember",
      input: () => ({ id: groups.staff, user_id: actors.instructor.id }),
    },
  ];

  test.each(attempts)("$actor $does: 403, and nothing changes", async (attempt) => {
    const before = await snapshot();
    const outcome = await api.call(attempt.group, attempt.op, attempt.input(), {
      token: actors[attempt.actor].token,
    });
    expectProblem(outcome, 403, "forbidden");
    expect(detailOf(outcome)).toMatch(/\S/);
    expect(await snapshot()).toEqual(before);
  });

  test("what one holds stays one's to manage", async () => {
    const manager = { token: actors.groupManager.token };
    const mine = expectOk(
      await api.call(
        "groups",
        "create",
        { name: "Co-managers", permissions: ["groups:manage", "profile:edit"] },
        manager,
      ),
    );
    for (const user_id of [actors.groupManager.id, targets.bystander.id])
      expectOk(await api.call("groups", "addMember", { id: mine.id, user_id }, manager));
    expectOk(await api.call("groups", "update", { id: mine.id, name: "Co-managers 2" }, manager));
    expectOk(
      await api.call(
        "groups",
        "removeMember",
        { id: mine.id, user_id: targets.bystander.id },
        manager,
      ),
    );
    expectOk(await api.call("groups", "remove", { id: mine.id }, manager));

    // One who may use a machine and manages groups trains others on it, and may re-permission it.
    const instructor = { token: actors.instructor.token };
    expectOk(
      await api.call(
        "groups",
        "addMember",
        { id: groups.laser, user_id: actors.teacher.id },
        instructor,
      ),
    );
    expectOk(
      await api.call(
        "groups",
        "removeMember",
        { id: groups.laser, user_id: actors.teacher.id },
        instructor,
      ),
    );
    // Renaming a machine or moving it changes nobody's access.
    expectOk(
      await api.call(
        "devices",
        "update",
        { id: devices.laser, location: "Room 2" },
        { token: actors.deviceManager.token },
      ),
    );

    // The super holds everything: nothing is read-only to it.
    const staff = expectOk(
      await api.call(
        "groups",
        "update",
        { id: groups.staff, description: "Runs the place" },
        { token: owner.token },
      ),
    );
    expect(staff.description).toBe("Runs the place");
  });
});
