import { operations, type Operations } from "@kabinet/contracts";

import { login } from "./accounts/login.ts";
import { changePassword, getMe, myPermissions, updateMe } from "./accounts/profile.ts";
import { loginAvailability, register } from "./accounts/registration.ts";
import { listSessions, logout, refreshSession, revokeSession } from "./accounts/sessions.ts";
import type { HandlersFor } from "./context.ts";
import {
  createDevice,
  getDevice,
  listDevices,
  removeDevice,
  rotateDeviceKey,
  updateDevice,
} from "./devices/devices.ts";
import { readSettings, updateSettings } from "./devices/settings.ts";
import { permissionCatalogue } from "./groups/catalogue.ts";
import { createGroup, getGroup, listGroups, removeGroup, updateGroup } from "./groups/groups.ts";
import { addMember, listMembers, removeMember } from "./groups/members.ts";
import { exportLogsCsv } from "./logs/export.ts";
import { listLogs } from "./logs/list.ts";
import { issueMyQr } from "./qr/codes.ts";
import { resolveQr } from "./qr/resolve.ts";
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
} from "./users/admin.ts";
import { setUserAvatar } from "./users/avatar.ts";
import { listUsers } from "./users/list.ts";

const ok = { ok: true } as const;

/** Every operation's handler, once. The REST and tRPC adapters mount this same table. */
export const handlers: HandlersFor<Operations> = {
  auth: {
    register,
    login,
    refresh: (ctx, input) => refreshSession(ctx, input.refresh_token),
    logout: async (ctx, input) => (await logout(ctx, input.refresh_token), ok),
    loginAvailable: (ctx, input) => loginAvailability(ctx, input.login),
  },
  me: {
    get: (ctx) => getMe(ctx),
    update: updateMe,
    changePassword: async (ctx, input) => (await changePassword(ctx, input), ok),
    sessions: async (ctx) => ({ items: await listSessions(ctx) }),
    revokeSession: async (ctx, input) => (await revokeSession(ctx, input.id), ok),
    qr: issueMyQr,
    permissions: myPermissions,
  },
  users: {
    list: listUsers,
    get: (ctx, input) => getUser(ctx, input.id),
    getByLogin: (ctx, input) => getUserByLogin(ctx, input.login),
    create: createUser,
    update: (ctx, { id, ...patch }) => updateUser(ctx, id, patch),
    setRole: (ctx, input) => setUserRole(ctx, input.id, input.role),
    setState: (ctx, input) => setUserState(ctx, input.id, input.state),
    setAvatar: (ctx, input) => setUserAvatar(ctx, input.id, input.image),
    resetPassword: (ctx, input) => resetUserPassword(ctx, input.id),
    permissions: (ctx, input) => userPermissions(ctx, input.id),
    remove: async (ctx, input) => (await removeUser(ctx, input.id), ok),
  },
  groups: {
    list: listGroups,
    get: (ctx, input) => getGroup(ctx, input.id),
    create: createGroup,
    update: (ctx, { id, ...patch }) => updateGroup(ctx, id, patch),
    remove: async (ctx, input) => (await removeGroup(ctx, input.id), ok),
    members: listMembers,
    addMember: async (ctx, input) => (await addMember(ctx, input.id, input.user_id), ok),
    removeMember: async (ctx, input) => (await removeMember(ctx, input.id, input.user_id), ok),
  },
  permissions: {
    list: permissionCatalogue,
  },
  logs: {
    list: listLogs,
    export: async (ctx, filter) => exportLogsCsv(ctx, filter),
  },
  devices: {
    list: listDevices,
    get: (ctx, input) => getDevice(ctx, input.id),
    create: createDevice,
    update: (ctx, { id, ...patch }) => updateDevice(ctx, id, patch),
    rotateKey: (ctx, input) => rotateDeviceKey(ctx, input.id),
    remove: async (ctx, input) => (await removeDevice(ctx, input.id), ok),
  },
  qr: {
    resolve: resolveQr,
  },
  settings: {
    get: (ctx) => readSettings(ctx.services.db),
    update: updateSettings,
  },
};

export { operations };
