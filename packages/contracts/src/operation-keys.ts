import type { Operation } from "./core/operation.ts";
import { operations, type Operations } from "./operations.ts";

/** A unified operation by its group and name, e.g. `"qr.resolve"`. */
export type OperationKey = {
  [G in keyof Operations]: `${G & string}.${keyof Operations[G] & string}`;
}[keyof Operations];

/** The operation a key names. */
export type OperationAt<K extends OperationKey> = K extends `${infer G}.${infer N}`
  ? G extends keyof Operations
    ? N extends keyof Operations[G]
      ? Operations[G][N]
      : never
    : never
  : never;

/** The operation a key names, at run time; throws for a key that names none. */
export function operationAt(key: string): { group: string; name: string; op: Operation } {
  const [group = "", name = ""] = key.split(".");
  const op = (operations as Record<string, Record<string, Operation> | undefined>)[group]?.[name];
  if (!op) throw new Error(`No operation ${key}`);
  return { group, name, op };
}
