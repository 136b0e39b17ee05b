import { describe, expect, it } from "vitest";
import { asCount, asRecord, asString } from "./payload-fields.js";

describe("reading untrusted payload fields", () => {
  it("accepts only plain objects as records", () => {
    expect(asRecord({ a: 1 })).toEqual({ a: 1 });
    expect(asRecord([1])).toBeUndefined();
    expect(asRecord(null)).toBeUndefined();
    expect(asRecord("x")).toBeUndefined();
  });
  it("accepts only strings as strings", () => {
    expect(asString("x")).toBe("x");
    expect(asString(1)).toBeUndefined();
  });
  it("accepts only finite non-negative numbers as counts", () => {
    expect(asCount(0)).toBe(0);
    expect(asCount(12)).toBe(12);
    expect(asCount(-1)).toBeUndefined();
    expect(asCount(Number.NaN)).toBeUndefined();
    expect(asCount("3")).toBeUndefined();
  });
});
