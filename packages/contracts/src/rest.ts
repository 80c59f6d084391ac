import { initContract, type AppRoute } from "@ts-rest/core";
import { z } from "zod";

import {
  listOperations,
  pathParamNames,
  type Operation,
  type OperationTable,
} from "./operation.ts";

/** How one operation's input travels over REST. */
export interface RestInput {
  pathParams?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
}

/** Unwraps optional/nullable/default wrappers to the type a query string must be coerced to. */
function baseType(schema: z.ZodType): string {
  let s = schema as z.core.$ZodType;
  while (["optional", "nullable", "default", "prefault"].includes(s._zod.def.type)) {
    s = (s._zod.def as unknown as { innerType: z.core.$ZodType }).innerType;
  }
  return s._zod.def.type;
}

/**
 * URL parts arrive as strings. Canonical schemas never coerce, so coercion of numbers and
 * booleans is added here, only for the parts a URL carries.
 */
function coerceFromUrl(shape: Record<string, z.ZodType>): z.ZodObject {
  const coerced: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(shape)) {
    const type = baseType(field);
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
  return z.object(coerced);
}

export function restInput(op: Operation): RestInput {
  const params = pathParamNames(op.path);
  const carriesQuery = op.method === "GET" || op.method === "DELETE";
  if (!(op.input instanceof z.ZodObject)) {
    if (params.length > 0) throw new Error(`${op.path}: path params need an object input`);
    return carriesQuery ? { query: op.input } : { body: op.input };
  }
  const shape = op.input.shape as Record<string, z.ZodType>;
  const paramShape = Object.fromEntries(params.map((p) => [p, shape[p]!]));
  const rest = Object.fromEntries(Object.entries(shape).filter(([k]) => !params.includes(k)));
  return {
    ...(params.length ? { pathParams: coerceFromUrl(paramShape) } : {}),
    // A body whose fields are all optional may be left out (`PUT /groups/1/members/2`).
    ...(carriesQuery ? { query: coerceFromUrl(rest) } : { body: z.object(rest).prefault({}) }),
  };
}

/** The REST path of an operation in OpenAPI form (`{id}` rather than `:id`). */
export function openApiPath(path: string): string {
  return path.replace(/:([a-zA-Z_]+)/g, "{$1}");
}

export const REST_BASE = "/rest/v1";

/**
 * The ts-rest contract of the whole API, derived from the operation table: one route per
 * operation, keyed `group.name`, with the auth level in `metadata`.
 */
export function toTsRest<T extends OperationTable>(table: T) {
  const c = initContract();
  const routes: Record<string, Record<string, AppRoute>> = {};
  for (const [group, name, op] of listOperations(table)) {
    const input = restInput(op);
    const route = {
      method: op.method,
      path: `${REST_BASE}${op.path}`,
      summary: op.summary,
      description: op.description,
      ...input,
      ...(op.method !== "GET" && !input.body ? { body: c.noBody() } : {}),
      responses: {
        [op.status ?? 200]: op.produces
          ? c.otherResponse({ contentType: op.produces, body: op.output })
          : op.output,
      },
      metadata: { auth: op.auth, operation: `${group}.${name}` },
      strictStatusCodes: true,
    } as AppRoute;
    (routes[group] ??= {})[name] = route;
  }
  return c.router(routes as Record<keyof T & string, Record<string, AppRoute>>);
}
