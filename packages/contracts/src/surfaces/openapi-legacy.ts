import { z } from "zod";

import { authErrors, commonErrors, type ErrorCode } from "../core/errors.ts";
import { problem } from "../core/problem.ts";
import { legacyBodyTypes, type LegacyApi, type LegacyRoute } from "../legacy/define.ts";
import { operationAt } from "../operation-keys.ts";
import { retryAfterHeaders } from "./openapi-headers.ts";
import { multipartContent } from "./openapi-multipart.ts";
import type { SchemaCollector } from "./openapi.ts";
import { objectShape, openApiPath, pathParamNames } from "./rest-input.ts";
import { REST_BASE } from "./rest.ts";

type JsonSchema = Record<string, unknown>;

/** The OpenAPI tag of an older API. */
export const legacyTag = (api: LegacyApi) => `Legacy: ${api.name}`;

/** A stable operation id for a legacy route: `legacy.qr-access.getUserByQuery`. */
export const legacyOperationId = (api: LegacyApi, routeName: string) =>
  `legacy.${api.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.${routeName}`;

function parameters(route: LegacyRoute, schemas: SchemaCollector): unknown[] {
  const names = pathParamNames(route.path);
  const shape = objectShape(route.input) ?? {};
  const params: unknown[] = names.map((name) => ({
    name,
    in: "path",
    required: true,
    schema: shape[name] ? schemas.convert(shape[name], "input") : { type: "string" },
  }));
  if (route.encoding !== "query") return params;
  const json = schemas.convert(route.input, "input");
  const props = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  for (const [name, schema] of Object.entries(props))
    if (!names.includes(name))
      params.push({ name, in: "query", required: required.has(name), schema });
  return params;
}

/** The fields a route's body carries: its input without the path parameters. */
function bodyFields(route: LegacyRoute): z.ZodType {
  const names = pathParamNames(route.path);
  const shape = objectShape(route.input);
  if (!names.length || !shape) return route.input;
  return z.object(Object.fromEntries(Object.entries(shape).filter(([n]) => !names.includes(n))));
}

function requestBody(route: LegacyRoute, schemas: SchemaCollector) {
  if (route.encoding === "query") return undefined;
  const schema = schemas.convert(bodyFields(route), "input");
  const content = legacyBodyTypes(route.encoding).map((type): [string, object] => [
    type,
    type === "multipart/form-data"
      ? multipartContent(route.file, bodyFields(route))[type]
      : { schema },
  ]);
  return {
    required: !route.input.safeParse(undefined).success,
    content: Object.fromEntries(content),
  };
}

/** The failures a route can answer, grouped by the status its envelope gives each. */
function errorResponses(
  api: LegacyApi,
  codes: readonly ErrorCode[],
  schemas: SchemaCollector,
): Record<string, { description: string; content: Record<string, { schema: JsonSchema }> }> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set(codes)) {
    const { status } = api.envelope.error(problem(code));
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const schema = schemas.convert(api.envelope.errorSchema, "output");
  return Object.fromEntries(
    [...byStatus]
      .sort(([a], [b]) => a - b)
      .map(([status, list]) => [
        String(status),
        {
          description: `Failures (${list.map((c) => `\`${c}\``).join(", ")}) in the API's own shape`,
          ...(status === 429 ? { headers: retryAfterHeaders } : {}),
          content: { "application/json": { schema } },
        },
      ]),
  );
}

/**
 * Every route of the older APIs, documented from the same schemas that parse and answer it:
 * under its API's tag, deprecated, pointing to the unified operation it runs.
 */
export function legacyPaths(apis: readonly LegacyApi[], schemas: SchemaCollector) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const api of apis)
    for (const [routeName, route] of Object.entries(api.routes)) {
      const { op } = operationAt(route.runs);
      const codes: ErrorCode[] = [
        ...commonErrors,
        ...(op.auth === "public" ? [] : authErrors),
        ...op.errors,
        "not_found",
      ];
      const success = schemas.convert(api.envelope.ok.schema(route.output), "output");
      const { "200": failingWith200, ...errors } = errorResponses(api, codes, schemas);
      // An API that answers some failures with 200 documents both shapes there.
      const ok = failingWith200
        ? {
            description: `Success, or one of the failures the API answers with 200: ${failingWith200.description}`,
            content: {
              "application/json": {
                schema: {
                  oneOf: [success, failingWith200.content["application/json"]!.schema],
                },
              },
            },
          }
        : { description: "Success", content: { "application/json": { schema: success } } };
      const body = requestBody(route, schemas);
      const params = parameters(route, schemas);
      (paths[openApiPath(route.path)] ??= {})[route.method.toLowerCase()] = {
        operationId: legacyOperationId(api, routeName),
        tags: [legacyTag(api)],
        summary: route.summary,
        description: `Kept for clients of the older API; new code should call \`${op.method} ${REST_BASE}${openApiPath(op.path)}\` (\`${route.runs}\`), which this route runs with the same access rules.`,
        deprecated: true,
        ...(op.acceptsDeviceKey
          ? { security: [{ deviceKey: [] }, { bearer: [] }, ...(op.auth === "public" ? [{}] : [])] }
          : op.auth === "public"
            ? { security: [] }
            : { security: [{ bearer: [] }] }),
        ...(params.length ? { parameters: params } : {}),
        ...(body ? { requestBody: body } : {}),
        responses: { "200": ok, ...errors },
      };
    }
  const tags = apis.map((api) => ({
    name: legacyTag(api),
    description: `The ${api.name} API at its original paths, for its existing clients (deprecated).`,
  }));
  return { paths, tags };
}
