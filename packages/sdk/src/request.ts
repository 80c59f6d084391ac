import { z } from "zod";

import { pathParamNames, REST_BASE, type Operation } from "@kabinet/contracts";

/** The URL and JSON body of one call, built from the operation as the REST surface expects it. */
export interface HttpRequest {
  method: Operation["method"];
  url: string;
  body: string | undefined;
}

/** Base URL of the deployment without a trailing slash, with the REST prefix appended once. */
export function restRoot(baseUrl: string): string {
  const trimmed = baseUrl.replace(/\/+$/, "");
  return trimmed.endsWith(REST_BASE) ? trimmed : `${trimmed}${REST_BASE}`;
}

function queryValue(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object" && value !== null) return JSON.stringify(value);
  return String(value);
}

function toQuery(fields: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value)
        if (item !== undefined && item !== null) search.append(key, queryValue(item));
    } else {
      search.append(key, queryValue(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

/**
 * Splits an operation's one input the way the server joins it back: path parameters are
 * substituted by name (URI-encoded), the remaining fields go to the query string for GET and
 * DELETE and to a JSON body otherwise.
 */
export function buildRequest(root: string, op: Operation, input: unknown): HttpRequest {
  const params = pathParamNames(op.path);
  const fields: Record<string, unknown> =
    typeof input === "object" && input !== null && !Array.isArray(input)
      ? { ...(input as object) }
      : {};

  const path = op.path.replace(/:([a-zA-Z_]+)/g, (_match, name: string) => {
    const value = fields[name];
    if (value === undefined || value === null || value === "") {
      throw new TypeError(`${op.method} ${op.path}: the path parameter "${name}" is missing`);
    }
    return encodeURIComponent(String(value));
  });
  for (const name of params) delete fields[name];

  const carriesQuery = op.method === "GET" || op.method === "DELETE";
  if (carriesQuery)
    return { method: op.method, url: `${root}${path}${toQuery(fields)}`, body: undefined };

  const isObjectInput = op.input instanceof z.ZodObject;
  const body = isObjectInput || input === undefined ? fields : input;
  return { method: op.method, url: `${root}${path}`, body: JSON.stringify(body) };
}
