import { crc32, inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { seededPng } from "./png.js";

/** Walks the chunks, checking each CRC, and returns them by type. */
function chunks(png: Buffer): Map<string, Buffer> {
  const found = new Map<string, Buffer>();
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset);
    const type = png.toString("latin1", offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    expect(png.readUInt32BE(offset + 8 + length), type).toBe(crc32(png.subarray(offset + 4, offset + 8 + length)));
    found.set(type, data);
    offset += 12 + length;
  }
  return found;
}

describe("seededPng", () => {
  it("is a well-formed RGB PNG of the asked size", () => {
    const png = seededPng(42, 4);
    expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    const parts = chunks(png);
    expect([...parts.keys()]).toEqual(["IHDR", "IDAT", "IEND"]);
    expect(parts.get("IHDR")!.readUInt32BE(0)).toBe(4);
    expect(inflateSync(parts.get("IDAT")!)).toHaveLength(4 * (1 + 4 * 3));
  });

  it("depends on the seed only", () => {
    expect(seededPng(1).equals(seededPng(1))).toBe(true);
    expect(seededPng(1).equals(seededPng(2))).toBe(false);
  });
});
