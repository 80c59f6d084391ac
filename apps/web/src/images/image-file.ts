import { IMAGE_FORMATS, MAX_UPLOAD_BYTES } from "@kabinet/contracts";

/**
 * The files an upload (an avatar, a student-card scan) may be: the API's formats and size.
 * The API recognises a format by content; the browser's type is only checked here, to refuse
 * an obviously wrong file before sending it.
 */
export const IMAGE_TYPES: readonly string[] = IMAGE_FORMATS.map((format) => `image/${format}`);
export const MAX_IMAGE_BYTES = MAX_UPLOAD_BYTES;
/** The limit in MiB, as the messages name it. */
export const MAX_IMAGE_MIB = MAX_UPLOAD_BYTES / (1024 * 1024);

export type ImageFileProblem = "wrongType" | "tooLarge";

export function imageFileProblem(file: { size: number; type: string }): ImageFileProblem | null {
  if (!IMAGE_TYPES.includes(file.type)) return "wrongType";
  if (file.size > MAX_IMAGE_BYTES) return "tooLarge";
  return null;
}

/** Plain base64 of the bytes, without a `data:` prefix; in chunks, since the argument list is bounded. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  const chunk = 0x8000;
  for (let start = 0; start < bytes.length; start += chunk) {
    binary += String.fromCharCode(...bytes.subarray(start, start + chunk));
  }
  return btoa(binary);
}

export async function fileToBase64(file: Blob): Promise<string> {
  return bytesToBase64(new Uint8Array(await file.arrayBuffer()));
}

/**
 * A `data:` URL of an image blob. The site's Content-Security-Policy admits images from the
 * site itself and `data:` only, so a fetched image is shown this way rather than by a `blob:` URL.
 */
export async function imageDataUrl(blob: Blob): Promise<string> {
  return `data:${blob.type};base64,${await fileToBase64(blob)}`;
}
