import { describe, expect, it } from "vitest";
import { float32Base64 } from "./float32-base64.js";

describe("base64 embeddings", () => {
  it("writes little-endian float32, as OpenAI's base64 encoding does", () => {
    expect(float32Base64([1, -2])).toBe(Buffer.from([0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0xc0]).toString("base64"));
  });
  it("decodes back to the values at float32 precision", () => {
    const values = [-0.022495363, 0.004016586, 0.02667887];
    const bytes = Buffer.from(float32Base64(values), "base64");
    const decoded = Array.from({ length: values.length }, (_, i) => bytes.readFloatLE(i * 4));
    decoded.forEach((v, i) => expect(v).toBeCloseTo(values[i]!, 7));
    expect(float32Base64([])).toBe("");
  });
});
