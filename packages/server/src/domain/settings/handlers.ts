import type { GroupHandlers } from "../context.ts";
import { readSettings, updateSettings } from "./settings.ts";

/** Settings an admin changes while the server runs. */
export const settingsHandlers: GroupHandlers<"settings"> = {
  get: (ctx) => readSettings(ctx.services.db),
  update: updateSettings,
};
