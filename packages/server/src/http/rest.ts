import { Readable } from "node:stream";

import { createExpressEndpoints, initServer } from "@ts-rest/express";
import type { Express, Response } from "express";
import type { Logger } from "pino";

import {
  joinInput,
  mapOperations,
  toTsRest,
  type Operation,
  type OperationTable,
} from "@kabinet/contracts";

import type { Handler, HandlersFor } from "../domain/context.ts";
import type { Services } from "../domain/services.ts";
import { fieldErrors, validationProblem, type Issue } from "./problem.ts";
import { bearerToken, clientInfo, runOperation } from "./request-context.ts";
import { deviceCookieTransport } from "./session-cookie.ts";

interface Issues {
  issues: readonly Issue[];
}

/**
 * A file operation's chunks as the response body. A client that goes away stops the reads:
 * destroying the stream ends the handler's generator.
 */
function fileStream(
  op: Operation,
  name: string,
  chunks: AsyncIterable<string>,
  res: Response,
  log: Logger,
): Readable {
  const stream = Readable.from(chunks);
  const extension = op.produces === "text/csv" ? "csv" : "bin";
  res.setHeader("Content-Type", `${op.produces}; charset=utf-8`);
  res.setHeader(
    "Content-Disposition",
    `attachment; filename="kabinet-${name}-${new Date().toISOString().slice(0, 10)}.${extension}"`,
  );
  res.setHeader("Cache-Control", "no-store");
  res.on("close", () => stream.destroy());
  stream.on("error", (error) => {
    log.error({ err: error }, "file stream failed");
    res.destroy(error);
  });
  return stream;
}

/** Operations → ts-rest routes on express, each calling the operation's one handler. */
export function mountRest<T extends OperationTable>(
  app: Express,
  table: T,
  handlers: HandlersFor<T>,
  services: Services,
) {
  const contract = toTsRest(table);
  const server = initServer();
  const devices = deviceCookieTransport(
    services.config.NODE_ENV === "production",
    services.deviceCookies,
  );
  const implementation = mapOperations(table, (op, group, name) => {
    const handler = (handlers as Record<string, Record<string, Handler<Operation>>>)[group]![name]!;
    return async ({
      params,
      query,
      body,
      req,
      res,
    }: {
      params: unknown;
      query: unknown;
      body: unknown;
      req: Parameters<typeof clientInfo>[0] & { headers: Record<string, string | undefined> };
      res: Response;
    }) => {
      const output = await runOperation(services, op, handler, {
        credential: { bearer: bearerToken(req.headers.authorization) },
        client: {
          ...clientInfo(req, services.config.TRUST_PROXY),
          deviceCookie: op.sessionCookie === "issue" ? devices.read(req) : undefined,
        },
        input: joinInput(op, { params, query, body }),
      });
      devices.issue(op, res, output);
      if (op.produces)
        return {
          status: op.status ?? 200,
          body: fileStream(op, group, output as AsyncIterable<string>, res, services.log),
        };
      return { status: op.status ?? 200, body: output };
    };
  });
  // ts-rest cannot resolve the route types of a generic table; `HandlersFor` has checked them.
  createExpressEndpoints(contract, server.router(contract, implementation as never), app, {
    responseValidation: true,
    requestValidationErrorHandler: (err, _req, res) => {
      const parts: Array<[Issues | null, string]> = [
        [err.pathParams, "path"],
        [err.query, "query"],
        [err.body, "body"],
        [err.headers, "headers"],
      ];
      const errors = parts.flatMap(([e, where]) => (e ? fieldErrors(e.issues, where) : []));
      res.status(400).type("application/problem+json").json(validationProblem(errors));
    },
  });
}
