import type { z } from "zod";

import type { PermissionName } from "../permissions/catalog.ts";
import type { ErrorCode } from "./errors.ts";
import { refuseNul } from "./no-nul.ts";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * Who may call an operation: `public` anyone, `user` any signed-in person, `super` only the
 * super administrator. Checked server-side against the caller's current role on every request;
 * finer rights are expressed with `permission`.
 */
export type AuthLevel = "public" | "user" | "super";

export interface Operation<
  I extends z.ZodType = z.ZodType,
  O extends z.ZodType = z.ZodType,
  M extends HttpMethod = HttpMethod,
> {
  method: M;
  /** Express-style path below `/rest/v1`, e.g. `/me/sessions/:id`. */
  path: string;
  summary: string;
  description?: string;
  auth: AuthLevel;
  /** A permission the caller must hold (role defaults ∪ groups; super holds all). */
  permission?: PermissionName;
  /**
   * Set for operations that stream a file instead of answering JSON; the handler yields the
   * file in chunks and `output` describes one whole file.
   */
  produces?: "text/csv";
  /** Path params, query or body fields, all in one object (params are picked by name). */
  input: I;
  output: O;
  /** Success status on REST; 200 unless stated. */
  status?: 200 | 201;
  errors: readonly ErrorCode[];
  /**
   * Session transport for the web app: `issue` puts the refresh token in an httpOnly cookie,
   * `read` takes it from there when the body has none, `clear` removes it.
   */
  sessionCookie?: "issue" | "read" | "read-clear";
  /** Device API keys may call this operation; every other operation refuses them. */
  acceptsDeviceKey?: boolean;
  /** Allowed while the account still has to replace a one-time password. */
  allowDuringPasswordChange?: boolean;
  /**
   * `false` for operations that check a secret or start, renew or end a session (sign-in,
   * sign-up, refresh, logout, password changes and resets): over tRPC they must be sent alone,
   * never in a batch with other calls, so one request verifies at most one password and sets
   * at most one session cookie. Every other operation may share a batch.
   */
  batchable?: false;
}

/**
 * The most calls one tRPC batch may carry; a larger batch is refused whole (400
 * `batch_refused`). The web app's batch link splits its batches at the same number.
 */
export const TRPC_MAX_BATCH_SIZE = 10;

export type OperationGroup = Record<string, Operation>;
export type OperationTable = Record<string, OperationGroup>;

/**
 * Keeps each operation's literal types while checking it against `Operation`. Rules every
 * input shares are applied here, once, so no operation can miss them: NUL is refused in every
 * string (see `refuseNul`).
 */
export function defineOperations<const T extends Record<string, Operation>>(ops: T): T {
  const defined: Record<string, Operation> = {};
  for (const [name, op] of Object.entries(ops))
    defined[name] = { ...op, input: refuseNul(op.input) };
  return defined as T;
}

export type InputOf<Op extends Operation> = z.input<Op["input"]>;
export type ParsedInputOf<Op extends Operation> = z.output<Op["input"]>;
export type OutputOf<Op extends Operation> = z.output<Op["output"]>;

/** Every operation of a table as `[group, name, operation]`, in declaration order. */
export function listOperations(table: OperationTable): Array<[string, string, Operation]> {
  return Object.entries(table).flatMap(([group, ops]) =>
    Object.entries(ops).map(([name, op]): [string, string, Operation] => [group, name, op]),
  );
}

/** A table with each operation replaced by what `fn` makes of it, keeping groups and names. */
export type MappedTable<T extends OperationTable, R> = {
  [G in keyof T]: { [N in keyof T[G]]: R };
};

/**
 * Makes something of every operation of a table, kept under the same group and name: the one
 * place where a table's keys are carried over to a shape built at run time.
 */
export function mapOperations<T extends OperationTable, R>(
  table: T,
  fn: (op: Operation, group: string, name: string) => R,
): MappedTable<T, R> {
  const mapped: Record<string, Record<string, R>> = {};
  for (const [group, name, op] of listOperations(table))
    (mapped[group] ??= {})[name] = fn(op, group, name);
  return mapped as MappedTable<T, R>;
}

/** The tRPC paths (`group.name`) of a table's operations that must be sent alone. */
export function unbatchablePaths(table: OperationTable): ReadonlySet<string> {
  return new Set(
    listOperations(table)
      .filter(([, , op]) => op.batchable === false)
      .map(([group, name]) => `${group}.${name}`),
  );
}
