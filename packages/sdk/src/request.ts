import { fillPath, queryString, REST_BASE, splitInput, type Operation } from "@kabinet/contracts";

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

/**
 * One call as a request, its input split the way the server joins it back (the contracts'
 * input split): path parameters filled in by name, URI-encoded; the other fields in the query
 * string for GET and DELETE and in a JSON body otherwise.
 */
export function buildRequest(root: string, op: Operation, input: unknown): HttpRequest {
  const { params, query, body } = splitInput(op, input);
  const path = `${root}${fillPath(op, params)}`;
  if (query !== undefined)
    return { method: op.method, url: `${path}${queryString(query)}`, body: undefined };
  return { method: op.method, url: path, body: JSON.stringify(body) };
}
