import type { IncomingMessage } from "node:http";

import busboy from "busboy";
import express, { Router, type RequestHandler } from "express";

import {
  listOperations,
  MAX_UPLOAD_BYTES,
  MULTIPART_FIELD_MAX,
  REST_BASE,
  UPLOAD_BODY_LIMIT,
  type Operation,
  type OperationTable,
} from "@kabinet/contracts";

import { AppError } from "../domain/errors.ts";
import { markBodyRead } from "./middleware.ts";

const MIB = 1024 * 1024;
const MULTIPART = /^multipart\/form-data\s*;/i;
const JSON_MEDIA_TYPE = /^application\/(?:[^\s/;]+\+)?json\s*(?:;|$)/i;

/** A refusal that also ends the connection: the rest of the body is never read. */
function refuse(res: { setHeader(name: string, value: string): unknown }, error: AppError) {
  res.setHeader("Connection", "close");
  return error;
}

const tooLarge = (what: string) =>
  new AppError("payload_too_large", `${what}; files are limited to ${MAX_UPLOAD_BYTES / MIB} MiB`);

/**
 * Reads a `multipart/form-data` body as the operation's input: the file part named by
 * `upload` becomes its base64 field (as JSON clients send it), other parts text fields. The
 * file is streamed through busboy and refused (413) as soon as it passes the limit, so an
 * oversized upload is never held whole.
 */
function readMultipart(op: Operation & { upload: string }): RequestHandler {
  return (req, res, next) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: {
          fileSize: MAX_UPLOAD_BYTES,
          files: 1,
          fields: 20,
          parts: 21,
          fieldSize: MULTIPART_FIELD_MAX,
          headerPairs: 20,
        },
      });
    } catch {
      return next(new AppError("validation_failed", "The multipart body has no boundary"));
    }
    const fields: Record<string, string> = {};
    let file: Buffer | null = null;
    let failed = false;
    const fail = (error: AppError) => {
      if (failed) return;
      failed = true;
      req.unpipe(parser);
      req.pause();
      next(refuse(res, error));
    };
    parser.on("file", (name, stream) => {
      if (name !== op.upload) {
        stream.resume();
        return fail(AppError.invalid(name, `Unexpected file; send the file as \`${op.upload}\``));
      }
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("limit", () => fail(tooLarge("The file is too large")));
      stream.on("end", () => {
        if (!failed) file = Buffer.concat(chunks);
      });
    });
    parser.on("field", (name, value, info) => {
      if (info.valueTruncated) return fail(AppError.invalid(name, "The field is too long"));
      fields[name] = value;
    });
    const tooMany = () => fail(new AppError("validation_failed", "Too many parts in the form"));
    parser.on("filesLimit", tooMany);
    parser.on("fieldsLimit", tooMany);
    parser.on("partsLimit", tooMany);
    parser.on("error", () =>
      fail(new AppError("validation_failed", "The multipart body is malformed")),
    );
    parser.on("close", () => {
      if (failed) return;
      markBodyRead(req);
      req.body = file ? { ...fields, [op.upload]: file.toString("base64") } : fields;
      next();
    });
    req.on("aborted", () => fail(new AppError("validation_failed", "The upload was cut short")));
    req.pipe(parser);
  };
}

/** The declared length, when the request states one. */
function declaredLength(req: IncomingMessage): number | null {
  const header = req.headers["content-length"];
  return header === undefined ? null : Number(header);
}

/**
 * The bodies of operations that take a file, on REST: JSON up to `UPLOAD_BODY_LIMIT` (the
 * file in base64), or `multipart/form-data` with the file in the part the operation names.
 * A declared length over the limit is refused before anything is read; anything else than
 * these two types is 415. Mounted ahead of the general JSON reader, which then skips them.
 */
export function uploadBodies(table: OperationTable): RequestHandler {
  const router = Router();
  const json = express.json({ limit: UPLOAD_BODY_LIMIT });
  for (const [, , op] of listOperations(table)) {
    const field = op.upload;
    if (!field) continue;
    const multipart = readMultipart({ ...op, upload: field });
    const method = op.method.toLowerCase() as "put" | "post" | "patch";
    router[method](`${REST_BASE}${op.path}`, (req, res, next) => {
      const length = declaredLength(req);
      if (length === null && req.headers["transfer-encoding"] === undefined) return next();
      if (length !== null && length > UPLOAD_BODY_LIMIT)
        return next(refuse(res, tooLarge(`The body declares ${length} bytes`)));
      const type = req.headers["content-type"] ?? "";
      if (MULTIPART.test(type)) {
        const coding = req.headers["content-encoding"];
        if (coding && coding.toLowerCase() !== "identity")
          return next(
            refuse(
              res,
              new AppError("unsupported_media_type", "Multipart uploads are read uncompressed"),
            ),
          );
        return multipart(req, res, next);
      }
      if (JSON_MEDIA_TYPE.test(type) || length === 0) {
        markBodyRead(req);
        return json(req, res, next);
      }
      next(
        refuse(
          res,
          new AppError(
            "unsupported_media_type",
            `Send JSON with the file in base64, or multipart/form-data with the file in the part \`${field}\``,
          ),
        ),
      );
    });
  }
  return router;
}
