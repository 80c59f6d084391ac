import sharp from "sharp";

const AVATAR_SIZE = 512;

/** Raised when the bytes are not an image the server accepts. */
export class UnreadableImageError extends Error {}

/**
 * Decodes an uploaded image and re-encodes it as a square WebP avatar. Re-encoding drops
 * metadata (EXIF location) and anything hidden in the file; sharp works on libuv's pool,
 * off the event loop. Decompression bombs are refused by the pixel limit.
 */
export async function toAvatar(bytes: Buffer): Promise<Buffer> {
  try {
    return await sharp(bytes, { limitInputPixels: 40_000_000, failOn: "error" })
      .rotate()
      .resize(AVATAR_SIZE, AVATAR_SIZE, { fit: "cover" })
      .webp({ quality: 82 })
      .toBuffer();
  } catch (error) {
    throw new UnreadableImageError(error instanceof Error ? error.message : String(error));
  }
}
