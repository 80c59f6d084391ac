import { crc32, deflateSync } from "node:zlib";

// Real PNG files for the browser tests, built here so the web tests need no image library.

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real RGB PNG, wider than tall: its left half red, its right half blue. */
export function twoColourPng(width = 160, height = 100): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const row = (y: number) =>
    Buffer.concat([
      Buffer.from([0]), // no filter
      ...Array.from({ length: width }, (_, x) =>
        Buffer.from(x < width / 2 ? [200, 40, 60] : [40, 60, 200 - (y % 50)]),
      ),
    ]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(Array.from({ length: height }, (_, y) => row(y))))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
