import type { RequestListener } from "node:http";

import { operations } from "@kabinet/contracts";

import { handlers } from "../domain/handlers.ts";
import type { Services } from "../domain/services.ts";
import type { SharedMiddleware } from "./middleware.ts";
import { setApiHeaders } from "./security-headers.ts";
import { bodyRefusal, bodyRefusalResponder } from "./trpc-body-refusal.ts";
import { createTrpcListener, toTrpcRouter } from "./trpc.ts";

/** Every operation as a tRPC procedure, over the domain's handlers. */
export function buildTrpcRouter(services: Services) {
  return toTrpcRouter(operations, handlers, services);
}

/** The tRPC surface on node:http, without express: request log, API headers, the call. */
export function createTrpcApp(services: Services, shared: SharedMiddleware): RequestListener {
  const router = buildTrpcRouter(services);
  const handle = createTrpcListener(router, services, operations);
  const refuse = bodyRefusalResponder(router);
  const { requestLog } = shared;
  return (req, res) => {
    requestLog?.(req, res);
    setApiHeaders(res);
    const refusal = bodyRefusal(req);
    if (refusal) refuse(res, refusal);
    else handle(req, res);
  };
}
