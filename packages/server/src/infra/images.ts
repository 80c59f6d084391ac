import sharp from "sharp";

const AVATAR_SIZE = 512;

/** Larger images are refused before they are decoded: a small file can declare huge sizes. */
export const MAX_INPUT_PIXELS = 40_000_000;

/** Raised when the bytes are not an image the server accepts; the message says why. */
export class UnreadableImageError extends Error {}

export type ImageFormat = "png" | "jpeg" | "webp" | "gif";

const startsWith = (bytes: Buffer, signature: number[], at = 0) =>
  bytes.length >= at + signature.length && signature.every((byte, i) => bytes[at + i] === byte);

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/**
 * The format of an image, by its leading bytes alone: a file's name or declared type says
 * nothing. Null for anything else (SVG and other text, PDF, HEIC, TIFF…), which is never
 * handed to the decoder: SVG in particular is a document that can reference other files.
 */
export function imageFormat(bytes: Buffer): ImageFormat | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "webp";
  if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) return "gif";
  return null;
}

/**
 * Decodes an uploaded image and re-encodes it as a square WebP avatar. Only PNG, JPEG, WebP
 * and GIF are decoded, recognised by content. Re-encoding drops metadata (EXIF location) and
 * anything hidden in the file; sharp works on libuv's pool, off the event loop.
 * Decompression bombs are refused by the pixel limit, read from the header before decoding.
 */
export async function toAvatar(bytes: Buffer): Promise<Buffer> {
  if (!imageFormat(bytes))
    throw new UnreadableImageError("Not a PNG, JPEG, WebP or GIF image (judged by its content)");
  try {
    return await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" })
      .rotate()
      .resize(AVATAR_SIZE, AVATAR_SIZE, { fit: "cover" })
      .webp({ quality: 82 })
      .toBuffer();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UnreadableImageError(
      /pixel limit/i.test(message)
        ? `The image is too large: at most ${MAX_INPUT_PIXELS / 1_000_000} million pixels`
        : "The image could not be read",
    );
  }
}
