import { z } from "zod";

import { authErrors, commonErrors, errorCatalog, type ErrorCode } from "../core/errors.ts";
import { listOperations, type Operation, type OperationTable } from "../core/operation.ts";
import { Problem, problem, validationProblem } from "../core/problem.ts";
import type { LegacyApi } from "../legacy/define.ts";
import { retryAfterHeaders } from "./openapi-headers.ts";
import { legacyPaths } from "./openapi-legacy.ts";
import { multipartContent } from "./openapi-multipart.ts";
import { inputSplit, openApiPath, restInput } from "./rest-input.ts";
import { REST_BASE } from "./rest.ts";

type JsonSchema = Record<string, unknown>;

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

/**
 * Gives every integer schema the width its bounds fit in: `int32`, or `int64` for the rest
 * (Zod's integers are safe integers, so each has bounds, and they fit in 64 bits).
 */
function withIntegerFormats(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) withIntegerFormats(item);
    return;
  }
  if (typeof value !== "object" || value === null) return;
  const schema = value as JsonSchema;
  const type = schema.type;
  const integer = type === "integer" || (Array.isArray(type) && type.includes("integer"));
  if (integer && schema.format === undefined) {
    const low = schema.minimum ?? schema.exclusiveMinimum;
    const high = schema.maximum ?? schema.exclusiveMaximum;
    const int32 =
      typeof low === "number" && typeof high === "number" && low >= INT32_MIN && high <= INT32_MAX;
    schema.format = int32 ? "int32" : "int64";
  }
  for (const child of Object.values(schema)) withIntegerFormats(child);
}

/** Collects named schemas (`.meta({ id })`) into `components.schemas` and links to them. */
export class SchemaCollector {
  readonly components: Record<string, JsonSchema> = {};

  convert(schema: z.ZodType, io: "input" | "output"): JsonSchema {
    const json = z.toJSONSchema(schema, {
      target: "draft-2020-12",
      io,
      unrepresentable: "any",
    }) as JsonSchema;
    delete json.$schema;
    withIntegerFormats(json);
    const defs = (json.$defs ?? {}) as Record<string, JsonSchema>;
    delete json.$defs;
    const renames: Record<string, string> = {};
    // Stored components link to each other under components/schemas; compare them so linked.
    const asStored = (def: JsonSchema) =>
      JSON.stringify(def).replace(/"#\/\$defs\//g, '"#/components/schemas/');
    for (const [id, def] of Object.entries(defs)) {
      const existing = this.components[id];
      renames[id] = existing && JSON.stringify(existing) !== asStored(def) ? `${id}Input` : id;
    }
    const relink = <T>(value: T): T =>
      JSON.parse(
        JSON.stringify(value).replace(/"#\/\$defs\/([^"]+)"/g, (_, id: string) =>
          JSON.stringify(`#/components/schemas/${renames[id] ?? id}`),
        ),
      ) as T;
    for (const [id, def] of Object.entries(defs)) this.components[renames[id]!] = relink(def);
    return relink(json);
  }
}

function problemExample(code: ErrorCode) {
  return code === "validation_failed"
    ? validationProblem([{ field: "email", message: "Invalid email address" }])
    : problem(code);
}

/** The operation's description, with the permission it needs spelled out for readers. */
function describe(op: Operation): string | undefined {
  const needs = op.permission
    ? `Requires the \`${op.permission}\` permission.`
    : op.auth === "super"
      ? "Super only."
      : undefined;
  return [op.description, needs].filter(Boolean).join("\n\n") || undefined;
}

export interface OpenApiInfo {
  title: string;
  version: string;
  description?: string;
}

/**
 * The OpenAPI 3.1 document of the REST surface, generated from the operation table, with the
 * older APIs' routes kept at their own paths (each API under a tag of its own).
 */
export function generateOpenApi(
  table: OperationTable,
  info: OpenApiInfo,
  legacy: readonly LegacyApi[] = [],
) {
  const schemas = new SchemaCollector();
  const paths: Record<string, Record<string, unknown>> = {};
  // Registers the Problem schema (it has an id) in the components; the answer is its $ref.
  schemas.convert(Problem, "output");

  for (const [group, name, op] of listOperations(table)) {
    const input = restInput(op);
    const parameters: unknown[] = [];
    const { pathParams } = inputSplit(op);
    const addParams = (schema: z.ZodType | undefined, where: "path" | "query") => {
      if (!schema) return;
      const json = schemas.convert(schema, "input");
      const props = (json.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set((json.required ?? []) as string[]);
      for (const [key, prop] of Object.entries(props)) {
        parameters.push({
          name: key,
          in: where,
          required: where === "path" || required.has(key),
          schema: prop,
          ...(prop.description ? { description: prop.description } : {}),
        });
      }
    };
    addParams(input.pathParams, "path");
    addParams(input.query, "query");

    const codes = [
      ...new Set<ErrorCode>([
        ...commonErrors,
        ...(op.auth === "public" ? [] : authErrors),
        ...op.errors,
        ...(pathParams.length ? (["not_found"] as const) : []),
        ...(input.body
          ? (["malformed_json", "payload_too_large", "unsupported_media_type"] as const)
          : []),
      ]),
    ];
    const byStatus = new Map<number, ErrorCode[]>();
    for (const code of codes) {
      const status = errorCatalog[code].status;
      byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
    }
    const responses: Record<string, unknown> = {
      [String(op.status ?? 200)]: {
        description: "Success",
        content: {
          [op.produces ?? "application/json"]: { schema: schemas.convert(op.output, "output") },
        },
      },
    };
    for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
      responses[String(status)] = {
        description: list.map((c) => `\`${c}\``).join(", "),
        ...(status === 429 ? { headers: retryAfterHeaders } : {}),
        content: {
          "application/problem+json": {
            schema: { $ref: "#/components/schemas/Problem" },
            examples: Object.fromEntries(list.map((c) => [c, { value: problemExample(c) }])),
          },
        },
      };
    }

    const path = `${REST_BASE}${openApiPath(op.path)}`;
    (paths[path] ??= {})[op.method.toLowerCase()] = {
      operationId: `${group}.${name}`,
      tags: [group],
      summary: op.summary,
      ...(describe(op) ? { description: describe(op) } : {}),
      ...(op.acceptsDeviceKey
        ? { security: [{ deviceKey: [] }, { bearer: [] }, ...(op.auth === "public" ? [{}] : [])] }
        : op.auth === "public"
          ? { security: [] }
          : {
              security: [{ bearer: [] }],
              "x-kabinet-auth": op.auth,
              ...(op.permission ? { "x-kabinet-permission": op.permission } : {}),
            }),
      ...(parameters.length ? { parameters } : {}),
      ...(input.body
        ? {
            requestBody: {
              required: !input.body.safeParse(undefined).success,
              content: {
                "application/json": { schema: schemas.convert(input.body, "input") },
                ...(op.upload ? multipartContent(op.upload, input.body) : {}),
              },
            },
          }
        : {}),
      responses,
    };
  }

  const legacyDocs = legacyPaths(legacy, schemas);
  for (const [path, methods] of Object.entries(legacyDocs.paths))
    paths[path] = { ...paths[path], ...methods };

  return {
    openapi: "3.1.0",
    info,
    // A public API: `x-internal: false` tells documentation tools to show it to everyone.
    servers: [{ url: "/", "x-internal": false }],
    security: [{ bearer: [] }],
    tags: [...Object.keys(table).map((name) => ({ name })), ...legacyDocs.tags],
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "JWT",
          description:
            "An access token from `POST /rest/v1/auth/login`: a short-lived JWT, issued and verified as RFC8725 advises (only HS256 is accepted; issuer, audience and expiry are checked).",
        },
        deviceKey: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "kbd_…",
          description:
            "A device's API key (`kbd_…`), from registering the device or rotating its key. Accepted only where stated.",
        },
      },
      schemas: schemas.components,
    },
  };
}
