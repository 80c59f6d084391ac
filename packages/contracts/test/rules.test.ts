import { describe, expect, test } from "vitest";

import {
  assignableRoles,
  auditActions,
  effectivePermissions,
  hasPermission,
  LogFilter,
  mayAssignRole,
  mayChangeGroup,
  mayChangeRole,
  mayEditAccount,
  outranks,
  permissionCatalog,
  permissionsNotHeld,
  userHasPermission,
} from "../src/index.ts";

describe("rank rules", () => {
  test("one outranks only the roles below one's own", () => {
    expect(outranks("admin", "teacher")).toBe(true);
    expect(outranks("admin", "admin")).toBe(false);
    expect(outranks("super", "admin")).toBe(true);
    expect(outranks("super", "super")).toBe(false);
    expect(outranks("user", "user")).toBe(false);
  });

  test("new accounts get a role below the creator's", () => {
    expect(assignableRoles("super")).toEqual(["user", "teacher", "admin"]);
    expect(assignableRoles("admin")).toEqual(["user", "teacher"]);
    expect(assignableRoles("user")).toEqual([]);
    expect(mayAssignRole("admin", "admin")).toBe(false);
  });

  test("profiles: one's own, or one ranked below", () => {
    expect(mayEditAccount({ id: 2, role: "admin" }, { id: 2, role: "admin" })).toBe(true);
    expect(mayEditAccount({ id: 2, role: "admin" }, { id: 3, role: "admin" })).toBe(false);
    expect(mayEditAccount({ id: 2, role: "admin" }, { id: 4, role: "user" })).toBe(true);
  });

  test("only the super changes roles, never its own", () => {
    expect(mayChangeRole("super", "admin")).toBe(true);
    expect(mayChangeRole("super", "super")).toBe(false);
    expect(mayChangeRole("admin", "user")).toBe(false);
  });
});

describe("permission rules", () => {
  const trained = { permissions: ["device:laser-cutter:use"] };

  test("role defaults joined with the groups'; the super holds everything", () => {
    expect(hasPermission("user", [], "profile:edit")).toBe(true);
    expect(hasPermission("user", [], "users:read")).toBe(false);
    expect(hasPermission("user", [trained], "device:laser-cutter:use")).toBe(true);
    expect(hasPermission("super", [], "device:anything:use")).toBe(true);
  });

  test("effective permissions are sorted; the super's list is the catalogue", () => {
    expect(effectivePermissions("user", [trained])).toEqual([
      "device:laser-cutter:use",
      "events:create",
      "profile:edit",
    ]);
    expect(effectivePermissions("super", [])).toEqual(Object.keys(permissionCatalog).sort());
  });

  test("read from a reported user, the same rule holds", () => {
    const superUser = { role: "super" as const, permissions: effectivePermissions("super", []) };
    expect(userHasPermission(superUser, "device:laser-cutter:use")).toBe(true);
    expect(userHasPermission({ permissions: ["logs:read"] }, "logs:read")).toBe(true);
    expect(userHasPermission({ role: "admin", permissions: [] }, "logs:read")).toBe(false);
  });
});

describe("group rule", () => {
  const groupManager = { role: "user" as const, permissions: ["groups:manage", "profile:edit"] };
  const admin = { role: "admin" as const, permissions: effectivePermissions("admin", []) };
  const superUser = { role: "super" as const, permissions: effectivePermissions("super", []) };
  const staff = { permissions: ["logs:read", "users:manage"] };
  const laser = { permissions: ["device:laser-cutter:use"] };

  test("a group granting anything one does not hold is read-only", () => {
    expect(mayChangeGroup(groupManager, staff)).toBe(false);
    expect(permissionsNotHeld(groupManager, staff.permissions)).toEqual([
      "logs:read",
      "users:manage",
    ]);
    expect(mayChangeGroup(groupManager, { permissions: ["groups:manage"] })).toBe(true);
    expect(mayChangeGroup(groupManager, { permissions: [] })).toBe(true);
    expect(mayChangeGroup(admin, staff)).toBe(true);
  });

  test("machine permissions count like any other; the super holds them all", () => {
    expect(mayChangeGroup(admin, laser)).toBe(false);
    expect(mayChangeGroup({ role: "user", permissions: laser.permissions }, laser)).toBe(true);
    expect(mayChangeGroup(superUser, laser)).toBe(true);
    expect(permissionsNotHeld(superUser, ["device:anything:use", "users:manage"])).toEqual([]);
  });
});

test("every audit action is a name the log filter accepts", () => {
  for (const action of auditActions) expect(LogFilter.safeParse({ action }).success).toBe(true);
  expect(new Set(auditActions).size).toBe(auditActions.length);
});
