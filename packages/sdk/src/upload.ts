import {
  MAX_UPLOAD_BYTES,
  operations,
  type InputOf,
  type OperationAt,
  type Operations,
  type OutputOf,
} from "@kabinet/contracts";

import type { CallOptions, KabinetClient } from "./client.ts";

/** What can be uploaded: a browser `File` or `Blob`, or bytes (a Node `Buffer` is a `Uint8Array`). */
export type UploadSource = Blob | Uint8Array | ArrayBuffer;

/** `"group.name"` of every operation that takes a file, e.g. `"confirmations.submit"`. */
export type UploadOperationName = {
  [G in keyof Operations]: {
    [N in keyof Operations[G]]: Operations[G][N] extends { upload: string }
      ? `${G & string}.${N & string}`
      : never;
  }[keyof Operations[G]];
}[keyof Operations];

type OperationOf<Name extends UploadOperationName> = OperationAt<Name>;

/** The other fields of an upload operation's input (path parameters such as a user's `id`). */
export type UploadFields<Name extends UploadOperationName> = Omit<
  InputOf<OperationOf<Name>>,
  OperationOf<Name>["upload"]
>;

async function bytesOf(source: UploadSource): Promise<Uint8Array> {
  if (source instanceof Uint8Array) return source;
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  return new Uint8Array(await source.arrayBuffer());
}

/** Base64 without a data: prefix, in browsers and in Node alike. */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  // In slices: spreading megabytes of arguments at once overflows the call stack.
  for (let at = 0; at < bytes.length; at += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}

/**
 * Uploads a file to an operation that takes one (`confirmations.submit`, `me.setAvatar`,
 * `users.setAvatar`): the file travels in base64 in the operation's JSON body, through the
 * client's own call, so tokens, refresh and errors behave as for every other method. Files
 * over 5 MiB are refused here, before anything is sent.
 *
 * ```ts
 * const status = await upload(client, "confirmations.submit", fileInput.files[0]);
 * await upload(client, "users.setAvatar", await readFile("photo.jpg"), { id: 42 });
 * ```
 */
export async function upload<Name extends UploadOperationName>(
  client: KabinetClient,
  name: Name,
  file: UploadSource,
  ...rest: Record<string, never> extends UploadFields<Name>
    ? [fields?: UploadFields<Name>, options?: CallOptions]
    : [fields: UploadFields<Name>, options?: CallOptions]
): Promise<OutputOf<OperationOf<Name>>> {
  const [fields, options] = rest;
  const [group, method] = name.split(".") as [string, string];
  const op = (operations as unknown as Record<string, Record<string, { upload?: string }>>)[
    group
  ]?.[method];
  if (!op?.upload) throw new TypeError(`${name} does not take a file`);
  const bytes = await bytesOf(file);
  if (bytes.length > MAX_UPLOAD_BYTES)
    throw new RangeError(
      `The file is ${bytes.length} bytes; at most ${MAX_UPLOAD_BYTES} (5 MiB) may be uploaded`,
    );
  const call = (
    client as unknown as Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>>
  )[group]![method]!;
  const output = await call({ ...fields, [op.upload]: toBase64(bytes) }, options);
  return output as OutputOf<OperationOf<Name>>;
}
