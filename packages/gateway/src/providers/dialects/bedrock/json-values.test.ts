import { describe, expect, it } from "vitest";
import { asArray, asCount, asObject, asString } from "./json-values.js";

describe("reading provider JSON defensively", () => {
  it("accepts only the shape asked for", () => {
    expect(asObject({ a: 1 })).toEqual({ a: 1 });
    expect(asObject([1])).toBeUndefined();
    expect(asObject(null)).toBeUndefined();
    expect(asArray("x")).toEqual([]);
    expect(asArray([1, 2])).toEqual([1, 2]);
    expect(asString(3)).toBeUndefined();
    expect(asString("s")).toBe("s");
  });

  it("treats negative, non-finite and non-numeric counts as missing", () => {
    expect(asCount(12)).toBe(12);
    expect(asCount(-1)).toBeUndefined();
    expect(asCount(Number.NaN)).toBeUndefined();
    expect(asCount("12")).toBeUndefined();
  });
});
