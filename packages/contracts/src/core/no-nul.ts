import { z } from "zod";

/**
 * U+0000 in any string of any input is refused. PostgreSQL cannot store it in text, so it
 * would otherwise fail deep in a query as a server error; no person types it, and C-based
 * tools downstream (logs, CSV readers) cut strings at it.
 */
export const NUL_MESSAGE = "Must not contain the character U+0000";

// Written against zod 4.6.7: it reads each schema's definition (`_zod.def`: its `type` and the
// keys that hold inner schemas) and copies it with `clone` and `z.core.util.mergeDefs`.
// test/no-nul.test.ts walks every operation's input and proves a NUL is refused in each
// string field, so a zod upgrade that moves those keys fails there first.

const hasNoNul = (value: string) => !value.includes("\0");

type Def = Record<string, unknown>;

/** Kinds that hold no string a client could fill: left as they are. */
const LEAVES = new Set([
  "number",
  "int",
  "boolean",
  "bigint",
  "symbol",
  "null",
  "undefined",
  "void",
  "never",
  "nan",
  "date",
  "literal",
  "enum",
  "file",
  "transform",
  "success",
  "any",
  "unknown",
  "custom",
]);

/** Definition keys that hold one inner schema, and those that hold a list of them. */
const INNER = ["innerType", "element", "valueType", "keyType", "left", "right", "in", "out"];
const INNER_LISTS = ["options", "items"];

const done = new WeakMap<z.core.$ZodType, z.core.$ZodType>();

function withRule(schema: z.core.$ZodType): z.core.$ZodType {
  const seen = done.get(schema);
  if (seen) return seen;
  const def = schema._zod.def as unknown as Def;
  let result: z.core.$ZodType;
  if (def.type === "string") {
    result = (schema as z.ZodString).refine(hasNoNul, { message: NUL_MESSAGE });
  } else if (LEAVES.has(def.type as string)) {
    result = schema;
  } else {
    const changes: Def = {};
    for (const key of INNER) {
      const inner = def[key] as z.core.$ZodType | undefined;
      if (inner) changes[key] = withRule(inner);
    }
    for (const key of INNER_LISTS) {
      const list = def[key] as z.core.$ZodType[] | undefined;
      if (list) changes[key] = list.map(withRule);
    }
    if (def.type === "object") {
      const shape = def.shape as Record<string, z.core.$ZodType>;
      changes.shape = Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, withRule(v)]));
      if (def.catchall) changes.catchall = withRule(def.catchall as z.core.$ZodType);
    } else if (def.type === "tuple" && def.rest) {
      changes.rest = withRule(def.rest as z.core.$ZodType);
    } else if (Object.keys(changes).length === 0) {
      // A lazy, promise or function schema: the rule could not see the strings inside.
      throw new Error(`Operation inputs may not use z.${String(def.type)}()`);
    }
    // A copy with the same definition (checks, defaults, metadata) around the ruled parts.
    result = (schema as z.ZodType).clone(z.core.util.mergeDefs(def, changes) as never, {
      parent: true,
    });
  }
  done.set(schema, result);
  return result;
}

/**
 * The schema with NUL refused in every string it holds, however deep (objects, arrays,
 * unions, optional and default values, pipes), each string keeping its own rules. Applied to
 * every operation's input when the table is defined, so no field can be left out.
 */
export function refuseNul<T extends z.core.$ZodType>(schema: T): T {
  return withRule(schema) as T;
}
