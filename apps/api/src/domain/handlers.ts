import { operations, type Operations } from "@kabinet/contracts";
import { login } from "./accounts/login.ts";
import { changePassword, getMe, myPermissions, updateMe } from "./accounts/profile.ts";
import { loginAvailability, register } from "./accounts/registration.ts";
import { listSessions, logout, refreshSession, revokeSession } from "./accounts/sessions.ts";
import type { HandlersFor } from "./context.ts";

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
    permissions: myPermissions,
  },
};

export { operations };
