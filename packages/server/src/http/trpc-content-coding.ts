import type { IncomingMessage, ServerResponse } from "node:http";

import {
  getTRPCErrorShape,
  transformTRPCResponse,
  TRPCError,
  type AnyTRPCRouter,
} from "@trpc/server";
import { getHTTPStatusCode } from "@trpc/server/http";

import { routerInternals } from "./trpc-json-handler.ts";

/** A body in a content coding other than none. */
export function hasContentCoding(req: IncomingMessage): boolean {
  const coding = req.headers["content-encoding"];
  return coding !== undefined && coding.trim().toLowerCase() !== "identity";
}

/**
 * tRPC clients never compress what they send, and tRPC's readers would take compressed bytes
 * for JSON: a body in any content coding is refused with 415 and `Accept-Encoding: identity`
 * (RFC 9110 §12.5.3), in tRPC's own error shape, before anything reads it.
 */
export function contentCodingRefusal(router: AnyTRPCRouter) {
  const { config } = routerInternals<object>(router);
  return (req: IncomingMessage, res: ServerResponse): void => {
    const error = new TRPCError({
      code: "UNSUPPORTED_MEDIA_TYPE",
      message: `Content-Encoding ${req.headers["content-encoding"]} is not supported; send the body uncompressed`,
    });
    const json = {
      error: getTRPCErrorShape({
        config,
        error,
        type: "unknown",
        path: undefined,
        input: undefined,
        ctx: undefined,
      }),
    };
    res.statusCode = getHTTPStatusCode(json);
    res.setHeader("Accept-Encoding", "identity");
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(transformTRPCResponse(config, json)));
  };
}
