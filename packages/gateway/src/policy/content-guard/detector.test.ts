import { describe, expect, it } from "vitest";
import { asciiSet, firstMatch, nextCodePoint, reachUnsettled, regexDetector, runUnsettled } from "./detector.js";

describe("detector building blocks", () => {
  it("settle everything but the run still open at the end", () => {
    const digits = runUnsettled(asciiSet("0123456789"), 20);
    expect(digits("call 555", 0)).toBe(5);
    expect(digits("call 555 ", 0)).toBe(9);
    expect(digits("12345678901234567890123456789", 0)).toBe(10); // never more than reach back
    expect(digits("call 555", 7)).toBe(7);
  });

  it("settle by reach alone when there is no run to rely on", () => {
    expect(reachUnsettled(5)("abcdefghij", 0)).toBe(6);
    expect(reachUnsettled(50)("abc", 2)).toBe(2);
  });

  it("retry one position on after a rejected candidate", () => {
    const d = regexDetector({ name: "n", pattern: /\d{3}/g, reach: 4, accept: (text, start, end) => (text[start] === "0" ? null : end) });
    expect(d.find("0123", 0)).toEqual({ start: 1, end: 4 });
  });

  it("refuse a non-global pattern", () => {
    expect(() => regexDetector({ name: "n", pattern: /x/, reach: 1 })).toThrow(/global/);
  });

  it("skip empty matches and never start inside a surrogate pair", () => {
    expect(firstMatch(/a*/gu, "bba", 0)).toEqual({ start: 2, end: 3 });
    expect(firstMatch(/./gu, "😀x", 1)).toEqual({ start: 2, end: 3 });
    expect(nextCodePoint("😀", 0)).toBe(2);
    expect(nextCodePoint("ab", 0)).toBe(1);
  });
});
