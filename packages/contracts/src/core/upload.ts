import { z } from "zod";

/** Uploaded files (images) are at most 5 MiB, however they travel. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/** Base64 length of the largest file: 4 characters per 3 bytes, padded. */
export const MAX_UPLOAD_BASE64 = Math.ceil(MAX_UPLOAD_BYTES / 3) * 4;

/**
 * The body limit of operations that take a file (`upload`): a JSON body carrying the largest
 * file in base64 (~6.7 MiB) with room for its other fields, or the multipart form. Every other
 * body stays within 1 MiB.
 */
export const UPLOAD_BODY_LIMIT = 8 * 1024 * 1024;

/** The longest text part a multipart upload may carry beside its file. */
export const MULTIPART_FIELD_MAX = 64 * 1024;

/** The image formats uploads may be in, recognised by content (a name or type says nothing). */
export const IMAGE_FORMATS = ["png", "jpeg", "webp", "gif"] as const;

/**
 * A file as base64 in JSON (REST, tRPC). Over REST the same field may instead be a file part
 * of a `multipart/form-data` body, when the operation names it as its `upload`.
 */
export const ImageData = z
  .string()
  .min(16)
  .max(MAX_UPLOAD_BASE64)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, "Base64 of the image file, without a data: prefix")
  .meta({
    description:
      "Base64 of a PNG, JPEG, WebP or GIF file of at most 5 MiB (recognised by content). Over REST it may instead be sent as a file part of this name in multipart/form-data.",
  });
