import { z } from "zod";

import type { HttpMethod, Operation } from "../core/operation.ts";

/**
 * How an operation's one input travels in a REST request, written once for every party: the
 * ts-rest contract and the OpenAPI document (the schema of each part), the server (joining the
 * parts back) and the SDK (splitting a call's input). Path parameters are taken from the input
 * by name; the other fields go to the query string for GET and DELETE and to a JSON body
 * otherwise.
 */

const PATH_PARAM = /:([a-zA-Z_]+)/g;

/**
 * The URL standard's form encoder, a global in Node and in browsers. This package compiles
 * without either's type definitions, so it names the part it uses.
 */
declare const URLSearchParams: new () => {
  append(name: string, value: string): void;
  toString(): string;
};

/** The parameters of an Express-style path, in order: `/groups/:id/members/:user_id` → id, user_id. */
export function pathParamNames(path: string): string[] {
  return Array.from(path.matchAll(PATH_PARAM), ([, name]) => name ?? "");
}

/** A path in OpenAPI form (`{id}` rather than `:id`). */
export function openApiPath(path: string): string {
  return path.replace(PATH_PARAM, "{$1}");
}

/** GET and DELETE carry their input in the URL; the other methods in a JSON body. */
export function carriesQuery(method: HttpMethod): boolean {
  return method === "GET" || method === "DELETE";
}

/** Where each key of an operation's input goes. */
export interface InputSplit {
  /** Input keys filled into the path, in path order. */
  readonly pathParams: readonly string[];
  /** Where everything but the path parameters goes. */
  readonly rest: "query" | "body";
  /**
   * The input keys that go to `rest`. Null when the input schema is not an object (a union, a
   * default): such an input cannot be split by key and travels whole, as the query or the body.
   */
  readonly restKeys: readonly string[] | null;
}

/** The fields of an object input, also under a default (`NoInput` is `{}` by default). */
export function objectShape(schema: z.ZodType): Record<string, z.ZodType> | null {
  const object =
    schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault ? schema.unwrap() : schema;
  return object instanceof z.ZodObject ? object.shape : null;
}

function computeSplit(op: Operation): InputSplit {
  const pathParams = pathParamNames(op.path);
  const rest = carriesQuery(op.method) ? "query" : "body";
  const shape = objectShape(op.input);
  if (!shape) {
    if (pathParams.length > 0) throw new Error(`${op.path}: path params need an object input`);
    return { pathParams, rest, restKeys: null };
  }
  for (const name of pathParams) {
    if (!(name in shape)) throw new Error(`${op.path}: the input has no field "${name}"`);
  }
  return { pathParams, rest, restKeys: Object.keys(shape).filter((k) => !pathParams.includes(k)) };
}

const splits = new WeakMap<Operation, InputSplit>();

/** The split of an operation's input, worked out once per operation. */
export function inputSplit(op: Operation): InputSplit {
  let split = splits.get(op);
  if (!split) {
    split = computeSplit(op);
    splits.set(op, split);
  }
  return split;
}

/* The schema of each part, for the ts-rest contract and the OpenAPI document. */

/** How one operation's input travels over REST: a schema per part that carries any of it. */
export interface RestInput {
  pathParams?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
}

/** The type a URL value must be coerced to: the schema's own, under optional/nullable/default. */
function urlType(schema: z.core.$ZodType): string {
  let s = schema;
  while (
    s instanceof z.core.$ZodOptional ||
    s instanceof z.core.$ZodNullable ||
    s instanceof z.core.$ZodDefault ||
    s instanceof z.core.$ZodPrefault
  ) {
    s = s._zod.def.innerType;
  }
  return s._zod.def.type;
}

/**
 * URL parts arrive as strings. Canonical schemas never coerce, so coercion of numbers and
 * booleans is added here, only for the parts a URL carries. URL parts are strict: a query
 * parameter the operation does not take is refused, not ignored, so a misspelt filter cannot
 * silently widen what a request reads.
 */
function coerceFromUrl(shape: Record<string, z.ZodType>): z.ZodObject {
  const coerced: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(shape)) {
    const type = urlType(field);
    if (type === "number" || type === "int") {
      coerced[key] = z.preprocess(
        (v) => (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v),
        field,
      );
    } else if (type === "boolean") {
      coerced[key] = z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), field);
    } else {
      coerced[key] = field;
    }
  }
  return z.strictObject(coerced);
}

/** The query of operations that carry their input in a body: they take no query parameter. */
const NO_QUERY = z.strictObject({});

function pick(
  shape: Record<string, z.ZodType>,
  keys: readonly string[],
): Record<string, z.ZodType> {
  const picked: Record<string, z.ZodType> = {};
  for (const key of keys) {
    const field = shape[key];
    if (field) picked[key] = field;
  }
  return picked;
}

/** The parts of an operation's REST request. Operations with a body take no query at all. */
export function restInput(op: Operation): RestInput {
  const { pathParams, rest, restKeys } = inputSplit(op);
  const shape = objectShape(op.input);
  if (!shape || restKeys === null)
    return rest === "query" ? { query: op.input } : { query: NO_QUERY, body: op.input };
  return {
    ...(pathParams.length ? { pathParams: coerceFromUrl(pick(shape, pathParams)) } : {}),
    // A body whose fields are all optional may be left out (`PUT /groups/1/members/2`).
    ...(rest === "query"
      ? { query: coerceFromUrl(pick(shape, restKeys)) }
      : { query: NO_QUERY, body: z.object(pick(shape, restKeys)).prefault({}) }),
  };
}

/* The values of one call. */

/** One call's input, split as a REST request carries it. */
export interface InputParts {
  /** Path parameter values by name, as given (see `fillPath`). */
  params: Record<string, unknown>;
  /** The query fields, for operations that carry their input in the URL. */
  query?: Record<string, unknown>;
  /** The JSON body, for the others. */
  body?: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Splits a call's input into its parts. Keys the schema does not know travel with the rest. */
export function splitInput(op: Operation, input: unknown): InputParts {
  const split = inputSplit(op);
  const fields: Record<string, unknown> = isRecord(input) ? { ...input } : {};
  const params: Record<string, unknown> = {};
  for (const name of split.pathParams) {
    params[name] = fields[name];
    delete fields[name];
  }
  if (split.rest === "query") return { params, query: fields };
  return { params, body: split.restKeys === null && input !== undefined ? input : fields };
}

/** The parts of a request, once validated, as the operation's one input again. */
export function joinInput(
  op: Operation,
  parts: { params: unknown; query: unknown; body: unknown },
): unknown {
  const split = inputSplit(op);
  const rest = split.rest === "query" ? parts.query : parts.body;
  if (split.restKeys === null) return rest;
  return { ...(isRecord(parts.params) ? parts.params : {}), ...(isRecord(rest) ? rest : {}) };
}

/** One value as a URL carries it: dates in ISO 8601, objects as JSON, the rest as text. */
export function urlValue(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  switch (typeof value) {
    case "string":
      return value;
    case "object":
      return JSON.stringify(value);
    case "number":
    case "bigint":
    case "boolean":
    case "symbol":
    case "undefined":
      return String(value);
    case "function":
      return value.toString();
  }
}

/** The operation's path with its parameters filled in, URI-encoded; a missing one is refused. */
export function fillPath(
  op: Pick<Operation, "method" | "path">,
  params: Record<string, unknown>,
): string {
  return op.path.replace(PATH_PARAM, (_match, name: string) => {
    const value = params[name];
    if (value === undefined || value === null || value === "") {
      throw new TypeError(`${op.method} ${op.path}: the path parameter "${name}" is missing`);
    }
    return encodeURIComponent(urlValue(value));
  });
}

/** `?key=value&…` for the defined fields (`""` when there are none); arrays repeat their key. */
export function queryString(fields: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) {
      if (item !== undefined && item !== null) search.append(key, urlValue(item));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}
