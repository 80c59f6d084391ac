import { z } from "zod";

import { defineOperations } from "../core/operation.ts";
import { Ok, UserId } from "../core/primitives.ts";
import {
  CreateGroupInput,
  Group,
  GroupId,
  GroupList,
  GroupListQuery,
  GroupPatch,
  MemberList,
  MemberListQuery,
} from "./schemas.ts";

const byId = z.object({ id: GroupId });
const membership = z.object({ id: GroupId, user_id: UserId });
const readOnly =
  "A group that grants anything the caller does not hold is read-only to them (`forbidden`), so managing groups never raises anyone above the manager.";

/** Groups carry permissions to their members. */
export const groups = defineOperations({
  list: {
    method: "GET",
    path: "/groups",
    summary: "List groups",
    auth: "user",
    permission: "groups:manage",
    input: GroupListQuery,
    output: GroupList,
    errors: [],
  },
  get: {
    method: "GET",
    path: "/groups/:id",
    summary: "A group",
    auth: "user",
    permission: "groups:manage",
    input: byId,
    output: Group,
    errors: ["group_not_found"],
  },
  create: {
    method: "POST",
    path: "/groups",
    summary: "Create a group",
    description: "Only with permissions the caller holds, machine permissions included.",
    auth: "user",
    permission: "groups:manage",
    input: CreateGroupInput,
    output: Group,
    status: 201,
    errors: ["group_name_taken"],
  },
  update: {
    method: "PATCH",
    path: "/groups/:id",
    summary: "Rename a group or change its permissions",
    description: `${readOnly} New permissions must be ones the caller holds.`,
    auth: "user",
    permission: "groups:manage",
    input: GroupPatch.extend({ id: GroupId }),
    output: Group,
    errors: ["group_not_found", "group_name_taken"],
  },
  remove: {
    method: "DELETE",
    path: "/groups/:id",
    summary: "Delete a group",
    description: `Its members lose the group's permissions at once. ${readOnly}`,
    auth: "user",
    permission: "groups:manage",
    input: byId,
    output: Ok,
    errors: ["group_not_found"],
  },
  members: {
    method: "GET",
    path: "/groups/:id/members",
    summary: "A group's members",
    auth: "user",
    permission: "groups:manage",
    input: MemberListQuery,
    output: MemberList,
    errors: ["group_not_found"],
  },
  addMember: {
    method: "PUT",
    path: "/groups/:id/members/:user_id",
    summary: "Add a user to a group",
    description: `Idempotent: adding a member twice changes nothing. ${readOnly}`,
    auth: "user",
    permission: "groups:manage",
    input: membership,
    output: Ok,
    errors: ["group_not_found", "user_not_found"],
  },
  removeMember: {
    method: "DELETE",
    path: "/groups/:id/members/:user_id",
    summary: "Remove a user from a group",
    description: readOnly,
    auth: "user",
    permission: "groups:manage",
    input: membership,
    output: Ok,
    errors: ["group_not_found", "user_not_found"],
  },
});
