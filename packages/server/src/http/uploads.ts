import type { IncomingMessage } from "node:http";

import busboy from "busboy";
import express, { Router, type RequestHandler } from "express";

import {
  listOperations,
  MAX_UPLOAD_BYTES,
  MULTIPART_FIELD_MAX,
  REST_BASE,
  UPLOAD_BODY_LIMIT,
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
 * Reads a `multipart/form-data` body as an input: the file part named `file` becomes that
 * field's base64 (as JSON clients send it), other parts text fields; a file part under any
 * other name (or any file, when `file` is undefined) is refused. The file is streamed through
 * busboy and refused (413) as soon as it passes the limit, so an oversized upload is never
 * held whole.
 */
function readMultipart(file: string | undefined): RequestHandler {
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
    let content: Buffer | null = null;
    let failed = false;
    const fail = (error: AppError) => {
      if (failed) return;
      failed = true;
      req.unpipe(parser);
      req.pause();
      next(refuse(res, error));
    };
    parser.on("file", (name, stream) => {
      if (name !== file) {
        stream.resume();
        return fail(
          AppError.invalid(
            name,
            file ? `Unexpected file; send the file as \`${file}\`` : "This call takes no file",
          ),
        );
      }
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("limit", () => fail(tooLarge("The file is too large")));
      stream.on("end", () => {
        if (!failed) content = Buffer.concat(chunks);
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
      req.body = content && file ? { ...fields, [file]: content.toString("base64") } : fields;
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

/** A declared length over `limit`: refused (413) before anything of the body is read. */
function declaredTooLarge(req: IncomingMessage, limit: number): AppError | null {
  const length = declaredLength(req);
  return length !== null && length > limit
    ? tooLarge(`The body declares ${length} bytes, over the ${limit / MIB} MiB limit`)
    : null;
}

/** Multipart is read as sent: a compressed one would hide its size from the limits. */
function encodedMultipart(req: IncomingMessage): AppError | null {
  const coding = req.headers["content-encoding"];
  return coding && coding.toLowerCase() !== "identity"
    ? new AppError("unsupported_media_type", "Multipart bodies are read uncompressed")
    : null;
}

/**
 * `multipart/form-data` bodies of at most `limit` bytes, with the file (if `file` names one)
 * in that part: for the older APIs whose clients post forms. The declared length is checked
 * before anything is read; a chunked body is held to the per-part limits as it streams.
 */
export function multipartBodies(file: string | undefined, limit: number): RequestHandler {
  const read = readMultipart(file);
  return (req, res, next) => {
    const refusal = declaredTooLarge(req, limit) ?? encodedMultipart(req);
    if (refusal) return next(refuse(res, refusal));
    read(req, res, next);
  };
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
    const multipart = readMultipart(field);
    const method = op.method.toLowerCase() as "put" | "post" | "patch";
    router[method](`${REST_BASE}${op.path}`, (req, res, next) => {
      const length = declaredLength(req);
      if (length === null && req.headers["transfer-encoding"] === undefined) return next();
      const tooBig = declaredTooLarge(req, UPLOAD_BODY_LIMIT);
      if (tooBig) return next(refuse(res, tooBig));
      const type = req.headers["content-type"] ?? "";
      if (MULTIPART.test(type)) {
        const encoded = encodedMultipart(req);
        if (encoded) return next(refuse(res, encoded));
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
