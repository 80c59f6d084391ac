import { generateOpenApi, legacyApis, operations } from "@kabinet/contracts";

export type OpenApiDocument = ReturnType<typeof generateOpenApi>;

/**
 * The OpenAPI document of every operation and of the older APIs' routes, served at
 * `/rest/v1/openapi.json`.
 */
export function buildOpenApi(): OpenApiDocument {
  return generateOpenApi(
    operations,
    {
      title: "Kabinet API",
      version: "1.0.0",
      description:
        "Membership and identity for schools, makerspaces and student communities. Errors are RFC 9457 problem details with a stable `code`.",
    },
    legacyApis,
  );
}
