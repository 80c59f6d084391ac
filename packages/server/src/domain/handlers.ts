import type { Operations } from "@kabinet/contracts";

import { authHandlers } from "./accounts/handlers.ts";
import type { HandlersFor } from "./context.ts";
import { devicesHandlers } from "./devices/handlers.ts";
import { friendsHandlers } from "./friends/handlers.ts";
import { groupsHandlers } from "./groups/handlers.ts";
import { logsHandlers } from "./logs/handlers.ts";
import { meHandlers } from "./me/handlers.ts";
import { permissionsHandlers } from "./permissions/handlers.ts";
import { profilesHandlers } from "./profiles/handlers.ts";
import { qrHandlers } from "./qr/handlers.ts";
import { settingsHandlers } from "./settings/handlers.ts";
import { usersHandlers } from "./users/handlers.ts";

/** Every operation's handler, once, by area. The REST and tRPC adapters mount this same table. */
export const handlers: HandlersFor<Operations> = {
  auth: authHandlers,
  me: meHandlers,
  users: usersHandlers,
  groups: groupsHandlers,
  permissions: permissionsHandlers,
  logs: logsHandlers,
  devices: devicesHandlers,
  qr: qrHandlers,
  settings: settingsHandlers,
  profiles: profilesHandlers,
  friends: friendsHandlers,
};
