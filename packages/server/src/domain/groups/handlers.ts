import { ok, type GroupHandlers } from "../context.ts";
import { createGroup, getGroup, listGroups, removeGroup, updateGroup } from "./groups.ts";
import { addMember, listMembers, removeMember } from "./members.ts";

/** Groups, what they grant, and their members. */
export const groupsHandlers: GroupHandlers<"groups"> = {
  list: listGroups,
  get: (ctx, input) => getGroup(ctx, input.id),
  create: createGroup,
  update: (ctx, { id, ...patch }) => updateGroup(ctx, id, patch),
  remove: async (ctx, input) => (await removeGroup(ctx, input.id), ok),
  members: listMembers,
  addMember: async (ctx, input) => (await addMember(ctx, input.id, input.user_id), ok),
  removeMember: async (ctx, input) => (await removeMember(ctx, input.id, input.user_id), ok),
};
