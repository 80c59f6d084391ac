import { deflateSync } from "node:zlib";

import sharp from "sharp";

/** A small, real image of the given format. */
export function sampleImage(format: "png" | "jpeg" | "webp" | "gif" = "png"): Promise<Buffer> {
  return sharp({
    create: { width: 120, height: 80, channels: 3, background: { r: 200, g: 40, b: 90 } },
  })
    .toFormat(format)
    .toBuffer();
}

/** A PNG of random noise, which does not compress: about `side`² × 3 bytes. */
export function noisePng(side: number): Promise<Buffer> {
  const pixels = Buffer.alloc(side * side * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 2654435761) >>> 24;
  return sharp(pixels, { raw: { width: side, height: side, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toBuffer();
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A grayscale PNG of the given size whose rows are all zero: tiny compressed, huge decoded. */
export function zeroPng(width: number, height: number, rows = height): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // grayscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.alloc((width + 1) * rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/**
 * A GIF bomb: a 65535×65535 screen and frame (4.3 billion pixels) in a few dozen bytes of
 * LZW data.
 */
export function gifBomb(): Buffer {
  const size = Buffer.alloc(4);
  size.writeUInt16LE(65535, 0);
  size.writeUInt16LE(65535, 2);
  return Buffer.concat([
    Buffer.from("GIF89a", "ascii"),
    size,
    Buffer.from([0x80, 0x00, 0x00]), // global colour table of 2, background 0
    Buffer.from([0, 0, 0, 255, 255, 255]),
    Buffer.from([0x2c, 0, 0, 0, 0]), // image descriptor at 0,0
    size,
    Buffer.from([0x00, 0x02, 0x02, 0x4c, 0x01, 0x00, 0x3b]), // LZW data, trailer
  ]);
}
