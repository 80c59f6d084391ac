import type {
  AuthLevel,
  Operation,
  Operations,
  OperationTable,
  OutputOf,
  ParsedInputOf,
  Role,
  UserState,
} from "@kabinet/contracts";

import type { GroupGrant } from "./access/permissions.ts";
import type { UserViewRow } from "./accounts/user-view.ts";
import type { Services } from "./services.ts";

/** The signed-in caller, as the database says now (never a stale token claim). */
export interface Principal {
  userId: number;
  sessionId: string;
  role: Role;
  state: UserState;
  passwordChangeRequired: boolean;
  /** The caller's groups, read with the session: permission checks need no further query. */
  groups: GroupGrant[];
  /** The account row as read while authenticating this request. */
  account: UserViewRow;
}

/** A device calling with its API key. */
export interface DevicePrincipal {
  id: number;
  slug: string;
  requiredPermission: string;
}

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
  /** The device cookie the browser sent, if any (infra/device-cookies.ts). */
  deviceCookie?: string;
}

export interface Context<A extends AuthLevel = AuthLevel> {
  services: Services;
  principal: A extends "public" ? Principal | null : Principal;
  /** Set only on operations that accept device keys, when a device is calling. */
  device: DevicePrincipal | null;
  client: ClientInfo;
}

/** What a handler returns: the output, or for file operations the file in chunks. */
export type HandlerResult<Op extends Operation> = Op extends { produces: string }
  ? AsyncIterable<string>
  : OutputOf<Op>;

/** One handler per operation, shared by every surface. */
export type Handler<Op extends Operation> = (
  ctx: Context<Op["auth"]>,
  input: ParsedInputOf<Op>,
) => Promise<HandlerResult<Op>>;

export type HandlersFor<T extends OperationTable> = {
  [G in keyof T]: { [N in keyof T[G]]: Handler<T[G][N]> };
};

/** One operation's handler, by the group and name `listOperations` gives it. */
export function handlerOf<T extends OperationTable>(
  handlers: HandlersFor<T>,
  group: string,
  name: string,
): Handler<Operation> {
  return (handlers as Record<string, Record<string, Handler<Operation>>>)[group]![name]!;
}

/** The handlers of one group of the API's operations (`users`, `groups`, …). */
export type GroupHandlers<G extends keyof Operations> = HandlersFor<Operations>[G];

/** The answer of operations that only report success. */
export const ok = { ok: true } as const;
