import { ok, type GroupHandlers } from "../context.ts";
import {
  createUser,
  getUser,
  getUserByLogin,
  removeUser,
  resetUserPassword,
  setUserRole,
  setUserState,
  updateUser,
  userPermissions,
} from "./admin.ts";
import { setUserAvatar } from "./avatar.ts";
import { directoryEntry, listDirectory } from "./directory.ts";
import { listUsers } from "./list.ts";

/** Other people's accounts: the members' directory, and their administration. */
export const usersHandlers: GroupHandlers<"users"> = {
  list: listUsers,
  get: (ctx, input) => getUser(ctx, input.id),
  getByLogin: (ctx, input) => getUserByLogin(ctx, input.login),
  directory: listDirectory,
  directoryEntry: (ctx, input) => directoryEntry(ctx, input.key),
  create: createUser,
  update: (ctx, { id, ...patch }) => updateUser(ctx, id, patch),
  setRole: (ctx, input) => setUserRole(ctx, input.id, input.role),
  setState: (ctx, input) => setUserState(ctx, input.id, input.state),
  setAvatar: (ctx, input) => setUserAvatar(ctx, input.id, input.image),
  resetPassword: (ctx, input) => resetUserPassword(ctx, input.id),
  permissions: (ctx, input) => userPermissions(ctx, input.id),
  remove: async (ctx, input) => ({ ...ok, user: await removeUser(ctx, input.id) }),
};
