import { describe, expect, it } from "vitest";

import { effectivePermissions, mayChangeGroup, userHasPermission } from "@kabinet/contracts";

import { permissionOptions } from "../src/admin/groups/permission-options.ts";

/** People as the web app knows them: `GET /me` reports the role and effective permissions. */
const groupManager = { role: "user" as const, permissions: ["groups:manage", "profile:edit"] };
const admin = { role: "admin" as const, permissions: effectivePermissions("admin", []) };
const superUser = { role: "super" as const, permissions: effectivePermissions("super", []) };

describe("groups the signed-in person may change", () => {
  const staff = { permissions: ["logs:read", "users:manage"] };
  const laser = { permissions: ["device:laser-cutter:use"] };

  it("shows read-only a group that grants anything they do not hold", () => {
    expect(mayChangeGroup(groupManager, staff)).toBe(false);
    expect(mayChangeGroup(groupManager, { permissions: ["groups:manage"] })).toBe(true);
    expect(mayChangeGroup(admin, staff)).toBe(true);
  });

  it("counts machine permissions too; nothing is read-only to the super", () => {
    expect(mayChangeGroup(admin, laser)).toBe(false);
    expect(
      mayChangeGroup({ role: "teacher", permissions: ["device:laser-cutter:use"] }, laser),
    ).toBe(true);
    expect(mayChangeGroup(superUser, laser)).toBe(true);
    expect(mayChangeGroup(superUser, staff)).toBe(true);
  });
});

describe("the permission picker", () => {
  const catalogue = [
    { name: "users:manage", description: "Manage users", kind: "general" as const },
    { name: "groups:manage", description: "Manage groups", kind: "general" as const },
    { name: "device:printer:use", description: "Use the printer", kind: "device" as const },
  ];
  const labels = { general: "General", devices: "Machines" };

  it("disables what the signed-in person does not hold, the typed machine included", () => {
    const options = permissionOptions(catalogue, [], "device:lathe", labels, (name) =>
      userHasPermission(groupManager, name),
    );
    expect(options).toEqual([
      {
        group: "General",
        items: [
          { value: "users:manage", label: "users:manage", disabled: true },
          { value: "groups:manage", label: "groups:manage" },
        ],
      },
      {
        group: "Machines",
        items: [
          { value: "device:lathe:use", label: "device:lathe:use", disabled: true },
          { value: "device:printer:use", label: "device:printer:use", disabled: true },
        ],
      },
    ]);
  });

  it("disables nothing for the super", () => {
    const options = permissionOptions(catalogue, [], "", labels, (name) =>
      userHasPermission(superUser, name),
    );
    expect(options.flatMap((group) => group.items).some((item) => item.disabled)).toBe(false);
  });
});
