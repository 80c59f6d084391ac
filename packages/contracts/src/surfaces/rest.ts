import { initContract, type AppRoute } from "@ts-rest/core";

import { mapOperations, type Operation, type OperationTable } from "../core/operation.ts";
import { restInput } from "./rest-input.ts";

export const REST_BASE = "/rest/v1";

type Contract = ReturnType<typeof initContract>;

/** One operation as a ts-rest route: its input split into parts, its one success response. */
function route(c: Contract, op: Operation, id: string): AppRoute {
  const input = restInput(op);
  const common = {
    path: `${REST_BASE}${op.path}`,
    summary: op.summary,
    description: op.description,
    ...(input.pathParams ? { pathParams: input.pathParams } : {}),
    ...(input.query ? { query: input.query } : {}),
    responses: {
      [op.status ?? 200]: op.produces
        ? c.otherResponse({ contentType: op.produces, body: op.output })
        : op.output,
    },
    metadata: { auth: op.auth, operation: id },
    strictStatusCodes: true,
  };
  return op.method === "GET"
    ? { ...common, method: op.method }
    : { ...common, method: op.method, body: input.body ?? c.noBody() };
}

/**
 * The ts-rest contract of the whole API, derived from the operation table: one route per
 * operation, keyed `group.name`, with the auth level in `metadata`.
 */
export function toTsRest<T extends OperationTable>(table: T) {
  const c = initContract();
  return c.router(mapOperations(table, (op, group, name) => route(c, op, `${group}.${name}`)));
}
