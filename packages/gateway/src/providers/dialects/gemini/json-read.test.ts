import { describe, expect, it } from "vitest";
import { isObject, objectsIn, tokenCount } from "./json-read.js";

describe("reading untrusted JSON", () => {
  it("tells plain objects from arrays and null", () => {
    expect(isObject({})).toBe(true);
    expect(isObject([])).toBe(false);
    expect(isObject(null)).toBe(false);
    expect(isObject("x")).toBe(false);
  });
  it("keeps only the objects of a list", () => {
    expect(objectsIn([{ a: 1 }, 2, null, [], { b: 2 }])).toEqual([{ a: 1 }, { b: 2 }]);
    expect(objectsIn({ a: 1 })).toEqual([]);
  });
  it("reads token counts as non-negative integers", () => {
    expect(tokenCount(12)).toBe(12);
    expect(tokenCount(-3)).toBe(0);
    expect(tokenCount("7")).toBe(0);
    expect(tokenCount(Number.NaN)).toBe(0);
  });
});
