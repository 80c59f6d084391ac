import type { z } from "zod";

import { MAX_UPLOAD_BYTES, MULTIPART_FIELD_MAX } from "../core/upload.ts";
import { objectShape } from "./rest-input.ts";

/**
 * The `multipart/form-data` form of a body: its fields as text parts, and the field named
 * `file` (if any) as a file part holding an image.
 */
export function multipartContent(file: string | undefined, body: z.ZodType) {
  const shape = objectShape(body) ?? {};
  const others = Object.keys(shape).filter((key) => key !== file);
  return {
    "multipart/form-data": {
      schema: {
        type: "object",
        ...(file ? { required: [file] } : {}),
        properties: {
          ...(file
            ? {
                [file]: {
                  type: "string",
                  contentMediaType: "application/octet-stream",
                  maxLength: MAX_UPLOAD_BYTES,
                  description: `The file (at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB): PNG, JPEG, WebP or GIF, recognised by content`,
                },
              }
            : {}),
          ...Object.fromEntries(
            others.map((key) => [key, { type: "string", maxLength: MULTIPART_FIELD_MAX }]),
          ),
        },
      },
      ...(file
        ? { encoding: { [file]: { contentType: "image/png, image/jpeg, image/webp, image/gif" } } }
        : {}),
    },
  };
}
