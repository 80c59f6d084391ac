import { availableParallelism } from "node:os";

import pLimit from "p-limit";
import sharp, { type Metadata } from "sharp";

/** What an image is stored for: avatars are public squares, scans private and legible. */
export type ImageKind = "avatar" | "scan";

const AVATAR_SIZE = 512;
/** Scans keep enough resolution to read a student card, no more. */
const SCAN_MAX_SIDE = 2000;

/**
 * Larger images are refused before they are decoded: a small file can declare huge sizes
 * (a pixel flood, a decompression bomb). 40 million pixels covers photos of most cameras;
 * one decoded frame of that size is at most 160 MB.
 */
export const MAX_INPUT_PIXELS = 40_000_000;

/** Raised when the bytes are not an image the server accepts; the message says why. */
export class UnreadableImageError extends Error {}

export type ImageFormat = "png" | "jpeg" | "webp" | "gif";

// Decoded pixels are not kept between requests, and images are decoded one per core at a
// time: what one upload may take in memory is bounded, and so is what they take together.
sharp.cache(false);
const decodeSlots = pLimit(Math.max(1, availableParallelism()));

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

const tooLarge = () =>
  new UnreadableImageError(
    `The image is too large: at most ${MAX_INPUT_PIXELS / 1_000_000} million pixels`,
  );

/** What a failure of sharp's means to the uploader: too many pixels, or not readable. */
function refusal(error: unknown): UnreadableImageError {
  const message = error instanceof Error ? error.message : String(error);
  return /pixel limit/i.test(message)
    ? tooLarge()
    : new UnreadableImageError("The image could not be read");
}

/**
 * Decodes an uploaded image and re-encodes it as WebP: avatars as 512×512 squares, scans
 * within 2000×2000. Only PNG, JPEG, WebP and GIF are decoded, recognised by content.
 * Re-encoding drops metadata (EXIF location) and anything hidden in the file. The declared
 * dimensions are read from the header first, and an image over the pixel limit is refused
 * without being decoded; only the first frame of an animation is decoded. sharp works on
 * libuv's pool, off the event loop.
 */
export async function processImage(bytes: Buffer, kind: ImageKind): Promise<Buffer> {
  if (!imageFormat(bytes))
    throw new UnreadableImageError("Not a PNG, JPEG, WebP or GIF image (judged by its content)");
  return decodeSlots(async () => {
    const options = { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error", pages: 1 } as const;
    let header: Metadata;
    try {
      header = await sharp(bytes, options).metadata();
    } catch (error) {
      throw refusal(error);
    }
    const { width, height } = header;
    if (!width || !height) throw new UnreadableImageError("The image could not be read");
    if (width * height > MAX_INPUT_PIXELS) throw tooLarge();
    try {
      const image = sharp(bytes, options).rotate();
      const sized =
        kind === "avatar"
          ? image.resize(AVATAR_SIZE, AVATAR_SIZE, { fit: "cover" })
          : image.resize(SCAN_MAX_SIDE, SCAN_MAX_SIDE, { fit: "inside", withoutEnlargement: true });
      return await sized.webp({ quality: kind === "avatar" ? 82 : 85 }).toBuffer();
    } catch (error) {
      throw refusal(error);
    }
  });
}
