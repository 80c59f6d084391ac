import fc from "fast-check";
import type { z } from "zod";

/**
 * fast-check arbitraries from Zod 4 schemas, for fuzzing the operations with the inputs their
 * contract describes. Values are meant to be valid: each string and number is drawn from its
 * own rules (lengths, bounds, patterns, formats, examples) and, when a refinement the generator
 * cannot read refuses it, replaced by the schema's example. Small integers are favoured so ids
 * name rows that exist. A schema kind it does not know yields any JSON value.
 */

type Schema = z.core.$ZodType;
type Def = Record<string, unknown> & { type: string };
type CheckDef = Record<string, unknown> & { check: string };

const defOf = (schema: Schema) => schema._zod.def as unknown as Def;

const checksOf = (schema: Schema): CheckDef[] =>
  ((defOf(schema).checks ?? []) as Schema[]).map((c) => c._zod.def as unknown as CheckDef);

/** The example a schema's metadata gives, if any (its own or inherited through a clone). */
function exampleOf(schema: Schema): unknown {
  for (let s: Schema | undefined = schema; s; s = s._zod.parent) {
    const meta = (s as unknown as { meta?: () => { example?: unknown } | undefined }).meta?.();
    if (meta && "example" in meta) return meta.example;
  }
  return undefined;
}

/**
 * Keeps what the schema accepts; anything else becomes the fallback's value if that is valid,
 * else the example, made distinct with a number before or after it where that is still valid
 * (so unique fields do not all collide).
 */
function validOr(
  schema: Schema,
  arbitrary: fc.Arbitrary<unknown>,
  fallback: fc.Arbitrary<unknown> = arbitrary,
): fc.Arbitrary<unknown> {
  const parse = (value: unknown) => (schema as z.ZodType).safeParse(value).success;
  const example = exampleOf(schema);
  return fc.tuple(arbitrary, fallback, fc.nat(99_999)).map(([value, other, n]) => {
    if (parse(value)) return value;
    if (parse(other)) return other;
    if (typeof example !== "string") return example ?? value;
    return [`${n}${example}`, `${example}${n}`, example].find(parse) ?? value;
  });
}

function lengths(schema: Schema, cap: number) {
  let min = 0;
  let max = Infinity;
  for (const check of checksOf(schema)) {
    if (check.check === "min_length") min = Math.max(min, check.minimum as number);
    if (check.check === "max_length") max = Math.min(max, check.maximum as number);
    if (check.check === "length_equals") min = max = check.length as number;
  }
  return { min, max, capped: Math.max(min, Math.min(max, cap)) };
}

function stringArbitrary(schema: Schema): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const { min, max, capped } = lengths(schema, 48);
  const pattern = checksOf(schema).find((c) => c.check === "string_format" && c.format === "regex")
    ?.pattern as RegExp | undefined;
  // Drawn from the string's format or pattern: likely valid. The others are any text.
  const shaped: Array<fc.Arbitrary<unknown>> = [];
  switch (def.format) {
    case "email":
      shaped.push(fc.emailAddress({ size: "small" }));
      break;
    case "uuid":
    case "guid":
      shaped.push(fc.uuid({ version: [1, 4, 7] }));
      break;
    case "date":
      shaped.push(isoDates().map((d) => d.slice(0, 10)));
      break;
    case "datetime":
      shaped.push(isoDates());
      break;
  }
  if (pattern) {
    try {
      shaped.push(fc.stringMatching(pattern, { size: "small" }));
    } catch {
      // A pattern fast-check cannot read: the other candidates and the example remain.
    }
  }
  const example = exampleOf(schema);
  if (example !== undefined) shaped.push(fc.constant(example));
  const free = [
    ...(["grapheme", "binary", "grapheme-ascii"] as const).map((unit) =>
      fc.string({ unit, minLength: min, maxLength: capped }),
    ),
    // The longest string allowed, where that is not huge.
    ...(max <= 4096 && max >= min ? [fc.constant("ж".repeat(max))] : []),
  ];
  const any = fc.oneof(...shaped, ...free);
  return shaped.length ? validOr(schema, any, fc.oneof(...shaped)) : validOr(schema, any);
}

function isoDates() {
  return fc
    .date({
      min: new Date("1950-01-01T00:00:00Z"),
      max: new Date("2040-01-01T00:00:00Z"),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString());
}

function numberArbitrary(schema: Schema): fc.Arbitrary<unknown> {
  let lo = -Number.MAX_SAFE_INTEGER;
  let hi = Number.MAX_SAFE_INTEGER;
  let integer = false;
  for (const check of [defOf(schema), ...checksOf(schema)] as CheckDef[]) {
    if (check.check === "number_format" && /int/.test(String(check.format))) integer = true;
    if (check.check === "greater_than")
      lo = Math.max(lo, (check.value as number) + (check.inclusive ? 0 : integer ? 1 : 1e-9));
    if (check.check === "less_than")
      hi = Math.min(hi, (check.value as number) - (check.inclusive ? 0 : integer ? 1 : 1e-9));
  }
  const arbitrary = integer
    ? fc.oneof(
        { weight: 3, arbitrary: fc.integer({ min: Math.ceil(lo), max: Math.min(hi, lo + 20) }) },
        { weight: 1, arbitrary: fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }) },
      )
    : fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
  return validOr(schema, arbitrary);
}

function objectArbitrary(schema: Schema): fc.Arbitrary<unknown> {
  const shape = defOf(schema).shape as Record<string, Schema>;
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  const requiredKeys: string[] = [];
  for (const [key, field] of Object.entries(shape)) {
    fields[key] = arbitraryOf(field);
    if (field._zod.optin !== "optional") requiredKeys.push(key);
  }
  return fc.record(fields, { requiredKeys });
}

/** An arbitrary of the values `schema` describes (as a client sends them: its input side). */
export function arbitraryOf(schema: Schema): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const inner = (key: string) => arbitraryOf(def[key] as Schema);
  switch (def.type) {
    case "string":
      return stringArbitrary(schema);
    case "number":
    case "int":
      return numberArbitrary(schema);
    case "boolean":
      return fc.boolean();
    case "enum":
      return fc.constantFrom(...Object.values(def.entries as Record<string, unknown>));
    case "literal":
      return fc.constantFrom(...(def.values as unknown[]));
    case "null":
      return fc.constant(null);
    case "optional":
    case "default":
    case "prefault":
      return fc.option(inner("innerType"), { nil: undefined, freq: 3 });
    case "nullable":
      return fc.option(inner("innerType"), { nil: null, freq: 4 });
    case "readonly":
    case "nonoptional":
    case "catch":
      return inner("innerType");
    case "object":
      return objectArbitrary(schema);
    case "array": {
      const { min, capped } = lengths(schema, 4);
      return fc.array(inner("element"), { minLength: min, maxLength: capped });
    }
    case "union":
      return fc.oneof(...(def.options as Schema[]).map(arbitraryOf));
    case "pipe":
      // A preprocess step pipes into the real schema; a transform follows the schema it reads.
      return defOf(def.in as Schema).type === "transform" ? inner("out") : inner("in");
    case "record":
      return fc.dictionary(fc.string({ maxLength: 8 }), inner("valueType"), { maxKeys: 3 });
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}
