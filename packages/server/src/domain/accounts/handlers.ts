import { ok, type GroupHandlers } from "../context.ts";
import { login } from "./login.ts";
import { loginAvailability, register } from "./registration.ts";
import { logout, refreshSession } from "./sessions.ts";

/** Sign-up, sign-in and the session's refresh token. */
export const authHandlers: GroupHandlers<"auth"> = {
  register,
  login,
  refresh: (ctx, input) => refreshSession(ctx, input.refresh_token),
  logout: async (ctx, input) => (await logout(ctx, input.refresh_token), ok),
  loginAvailable: (ctx, input) => loginAvailability(ctx, input.login),
};
