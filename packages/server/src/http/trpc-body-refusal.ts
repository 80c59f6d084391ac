import type { IncomingMessage, ServerResponse } from "node:http";

import {
  getTRPCErrorShape,
  transformTRPCResponse,
  TRPCError,
  type AnyTRPCRouter,
} from "@trpc/server";
import { getHTTPStatusCode } from "@trpc/server/http";

import { mediaType, routerInternals } from "./trpc-json-handler.ts";

/**
 * Why a call's body cannot be read, or null when it can.
 *
 * tRPC clients never compress what they send, and tRPC's readers would take compressed bytes
 * for JSON: a body in any content coding is refused, with `Accept-Encoding: identity` (RFC 9110
 * §12.5.3). Every procedure takes JSON (uploads too, as base64), so a POST of any other type
 * is refused here, in JSON; tRPC's own refusal would be JSON labelled `text/plain`.
 */
export function bodyRefusal(
  req: IncomingMessage,
): { message: string; headers?: Record<string, string> } | null {
  const coding = req.headers["content-encoding"];
  if (coding !== undefined && coding.trim().toLowerCase() !== "identity") {
    return {
      message: `Content-Encoding ${coding} is not supported; send the body uncompressed`,
      headers: { "Accept-Encoding": "identity" },
    };
  }
  if (req.method === "POST" && mediaType(req) !== "application/json") {
    return { message: "Send the call as application/json" };
  }
  return null;
}

/** Answers 415 in tRPC's own error shape, before anything reads the body. */
export function bodyRefusalResponder(router: AnyTRPCRouter) {
  const { config } = routerInternals<object>(router);
  return (res: ServerResponse, refusal: NonNullable<ReturnType<typeof bodyRefusal>>): void => {
    const error = new TRPCError({ code: "UNSUPPORTED_MEDIA_TYPE", message: refusal.message });
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
    for (const [name, value] of Object.entries(refusal.headers ?? {})) res.setHeader(name, value);
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(transformTRPCResponse(config, json)));
  };
}
