import type { AuthLevel, Operation, OperationTable, OutputOf, ParsedInputOf, Role, UserState } from "@kabinet/contracts";
import type { UserRow } from "./accounts/user-view.ts";
import type { Services } from "./services.ts";

/** The signed-in caller, as the database says now (never a stale token claim). */
export interface Principal {
  userId: number;
  sessionId: string;
  role: Role;
  state: UserState;
  passwordChangeRequired: boolean;
  /** The account row as read while authenticating this request. */
  account: UserRow;
}

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

export interface Context<A extends AuthLevel = AuthLevel> {
  services: Services;
  principal: A extends "public" ? Principal | null : Principal;
  client: ClientInfo;
}

/** One handler per operation, shared by every surface. */
export type Handler<Op extends Operation> = (
  ctx: Context<Op["auth"]>,
  input: ParsedInputOf<Op>,
) => Promise<OutputOf<Op>>;

export type HandlersFor<T extends OperationTable> = {
  [G in keyof T]: { [N in keyof T[G]]: Handler<T[G][N]> };
};
