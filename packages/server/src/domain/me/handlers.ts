import { listSessions, revokeSession } from "../accounts/sessions.ts";
import { ok, type GroupHandlers } from "../context.ts";
import { issueMyQr } from "../qr/codes.ts";
import { setUserAvatar } from "../users/avatar.ts";
import { changePassword } from "./password.ts";
import { getMe, myPermissions, updateMe } from "./profile.ts";

/** The caller's own account: profile, password, sessions, QR code and permissions. */
export const meHandlers: GroupHandlers<"me"> = {
  get: (ctx) => Promise.resolve(getMe(ctx)),
  update: updateMe,
  changePassword: async (ctx, input) => (await changePassword(ctx, input), ok),
  sessions: async (ctx) => ({ items: await listSessions(ctx) }),
  revokeSession: async (ctx, input) => (await revokeSession(ctx, input.id), ok),
  qr: issueMyQr,
  permissions: (ctx) => Promise.resolve(myPermissions(ctx)),
  setAvatar: (ctx, input) => setUserAvatar(ctx, ctx.principal.userId, input.image),
};
