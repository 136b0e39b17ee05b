import { describe, expect, it } from "vitest";
import { float32Base64 } from "./float32-base64.js";

describe("encoding a vector as base64 float32", () => {
  it("writes little-endian float32 values", () => {
    // 1.0 = 0x3f800000, -2.0 = 0xc0000000 → bytes 00 00 80 3f 00 00 00 c0
    expect(float32Base64([1, -2])).toBe(Buffer.from([0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0]).toString("base64"));
  });

  it("decodes back to the same float32 values", () => {
    const vector = [-0.05289186164736748, 0.11532749980688095, 0];
    const bytes = Buffer.from(float32Base64(vector), "base64");
    expect([0, 1, 2].map((i) => bytes.readFloatLE(i * 4))).toEqual(vector.map(Math.fround));
  });

  it("encodes an empty vector as an empty string", () => {
    expect(float32Base64([])).toBe("");
  });
});
