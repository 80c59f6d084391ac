import { describe, expect, it } from "vitest";

import type { User } from "@kabinet/contracts";

import {
  adminSectionsFor,
  assignableRoles,
  mayChangeRole,
  mayEdit,
  mayManage,
  mayResetPassword,
} from "../src/admin/access.ts";
import { defaultUserFilters, toUserListInput } from "../src/admin/users/user-filters.ts";

type Caller = Pick<User, "id" | "role" | "permissions">;
const admin: Caller = {
  id: 2,
  role: "admin",
  permissions: ["users:read", "users:manage", "groups:manage", "logs:read"],
};
const superUser: Caller = { ...admin, id: 1, role: "super" };
const account = (id: number, role: User["role"], state: User["state"] = "activated") => ({
  id,
  role,
  state,
});

describe("admin sections", () => {
  it("shows a section only with its permission", () => {
    expect(adminSectionsFor({ permissions: ["users:read", "logs:read"] }).map((s) => s.to)).toEqual(
      ["/admin/users", "/admin/logs"],
    );
    expect(adminSectionsFor({ permissions: ["groups:manage"] }).map((s) => s.to)).toEqual([
      "/admin/groups",
    ]);
    expect(
      adminSectionsFor({
        permissions: ["profile:edit", "events:create", "device:laser-cutter:use"],
      }),
    ).toEqual([]);
    expect(adminSectionsFor(undefined)).toEqual([]);
  });
});

describe("roles a caller may give", () => {
  it("offers only the roles below the caller's own", () => {
    expect(assignableRoles("super")).toEqual(["user", "teacher", "admin"]);
    expect(assignableRoles("admin")).toEqual(["user", "teacher"]);
    expect(assignableRoles("teacher")).toEqual(["user"]);
    expect(assignableRoles("user")).toEqual([]);
  });
});

describe("what the account page offers", () => {
  it("manages only accounts ranked below, and never a deleted one", () => {
    expect(mayManage(admin, account(5, "teacher"))).toBe(true);
    expect(mayManage(admin, account(6, "admin"))).toBe(false);
    expect(mayManage(superUser, account(6, "admin"))).toBe(true);
    expect(mayManage(superUser, account(1, "super"))).toBe(false);
    expect(mayManage(admin, account(5, "user", "deleted"))).toBe(false);
    expect(mayManage({ ...admin, permissions: ["users:read"] }, account(5, "user"))).toBe(false);
  });

  it("resets the password only of accounts holding nothing the caller lacks", () => {
    const held = (permissions: string[]) => ({ ...account(5, "user"), permissions });
    expect(mayResetPassword(admin, held(["logs:read"]))).toBe(true);
    expect(mayResetPassword(admin, held(["logs:read", "device:laser-cutter:use"]))).toBe(false);
    expect(mayResetPassword(superUser, held(["device:laser-cutter:use"]))).toBe(true);
    expect(mayResetPassword(admin, { ...account(6, "admin"), permissions: [] })).toBe(false);
  });

  it("edits one's own account or one ranked below", () => {
    expect(mayEdit(admin, account(2, "admin"))).toBe(true);
    expect(mayEdit(admin, account(7, "admin"))).toBe(false);
    expect(mayEdit(admin, account(8, "user"))).toBe(true);
  });

  it("lets only the super change roles, and never the super's own", () => {
    expect(mayChangeRole(superUser, account(6, "admin"))).toBe(true);
    expect(mayChangeRole(superUser, account(1, "super"))).toBe(false);
    expect(mayChangeRole(admin, account(8, "user"))).toBe(false);
  });
});

describe("the users list input", () => {
  it("leaves out the filters set to any and trims the search", () => {
    expect(toUserListInput(defaultUserFilters)).toEqual({
      sort: "created_at",
      order: "desc",
      limit: 20,
    });
    expect(
      toUserListInput(
        {
          q: "  anna ",
          role: "teacher",
          state: "blocked",
          group_id: "7",
          sort: "login",
          order: "asc",
        },
        50,
      ),
    ).toEqual({
      q: "anna",
      role: "teacher",
      state: "blocked",
      group_id: 7,
      sort: "login",
      order: "asc",
      limit: 50,
    });
    expect(toUserListInput({ ...defaultUserFilters, q: "   ", group_id: "x" })).toEqual({
      sort: "created_at",
      order: "desc",
      limit: 20,
    });
  });
});
