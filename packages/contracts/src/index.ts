// The machinery every area shares: how an operation is defined, errors and problems, field rules.
export * from "./core/operation.ts";
export * from "./core/errors.ts";
export * from "./core/problem.ts";
export * from "./core/no-nul.ts";
export * from "./core/primitives.ts";
export * from "./core/upload.ts";

// The API, by area: each folder holds its operations and their schemas.
export * from "./operations.ts";
export * from "./operation-keys.ts";
export * from "./auth/schemas.ts";
export * from "./me/schemas.ts";
export * from "./users/schemas.ts";
export * from "./users/rank.ts";
export * from "./groups/schemas.ts";
export * from "./groups/rules.ts";
export * from "./permissions/catalog.ts";
export * from "./permissions/schemas.ts";
export * from "./permissions/rules.ts";
export * from "./logs/schemas.ts";
export * from "./logs/actions.ts";
export * from "./devices/schemas.ts";
export * from "./qr/schemas.ts";
export * from "./settings/schemas.ts";
export * from "./profiles/schemas.ts";
export * from "./friends/schemas.ts";
export * from "./confirmations/schemas.ts";

// What is derived from the operation table.
export * from "./surfaces/rest-input.ts";
export * from "./surfaces/rest.ts";
export * from "./surfaces/openapi.ts";
export type * from "./surfaces/trpc.ts";

// Older APIs kept at their own paths, as views over the operations.
export * from "./legacy/define.ts";
export * from "./legacy/index.ts";
export * from "./surfaces/openapi-legacy.ts";
