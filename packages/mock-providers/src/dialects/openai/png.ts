import { crc32, deflateSync } from "node:zlib";
import { mulberry32 } from "../../seeded-random.js";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * A small valid RGB PNG whose two-colour checker pattern comes from `seed`, so an
 * image answer decodes as an image and differs per prompt without costing a
 * real image's bytes.
 */
export function seededPng(seed: number, side = 8): Buffer {
  const next = mulberry32(seed);
  const colours = [0, 1].map(() => [0, 1, 2].map(() => Math.floor(next() * 256)));
  const row = 1 + side * 3;
  const pixels = Buffer.alloc(row * side);
  for (let y = 0; y < side; y++) {
    pixels[y * row] = 0; // filter: none
    for (let x = 0; x < side; x++) {
      const colour = colours[(x + y) % 2]!;
      pixels.set(colour, y * row + 1 + x * 3);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit depth, RGB, deflate, no filter set, no interlace
  return Buffer.concat([SIGNATURE, chunk("IHDR", header), chunk("IDAT", deflateSync(pixels)), chunk("IEND", Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "latin1");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
