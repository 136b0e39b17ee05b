import { describe, expect, it } from "vitest";
import { CUSTOM_PATTERN_MAX, customPatternProblem, literalPrefix } from "./custom-pattern.js";

describe("custom pattern checks", () => {
  it("accept ordinary identifier patterns", () => {
    for (const ok of [String.raw`\bACME-\d{6}\b`, String.raw`(?:EMP|CTR)\d{5}`, String.raw`[A-Z]{2}\d+`, String.raw`(?<!\d)\d{3}(?:-\d{2}){2}`, String.raw`\p{Lu}+`, "(ab)?c+"]) {
      expect(customPatternProblem(ok), ok).toBeNull();
    }
  });

  it("refuse nested unbounded repetition, the classic catastrophic backtracking shape", () => {
    for (const bad of ["(a+)+$", "(a*)*b", "(?:x+y*)+", "(a+){2,}", "(\\d+)*x", "((a)+)+", "(?<n>a+)+"]) {
      expect(customPatternProblem(bad), bad).toMatch(/repeated group contains an unbounded repetition/);
    }
  });

  it("refuse backreferences", () => {
    expect(customPatternProblem(String.raw`(a)\1`)).toMatch(/backreferences/);
    expect(customPatternProblem(String.raw`(?<x>a)\k<x>`)).toMatch(/backreferences/);
  });

  it("do not mistake escapes or classes for quantified groups", () => {
    expect(customPatternProblem(String.raw`\(a+\)+`)).toBeNull();
    expect(customPatternProblem(String.raw`[(a+)]+`)).toBeNull();
    expect(customPatternProblem(String.raw`\p{L}{2,5}`)).toBeNull();
  });

  it("refuse empty, over-long, invalid and empty-matching patterns", () => {
    expect(customPatternProblem("")).toMatch(/empty/);
    expect(customPatternProblem("a".repeat(CUSTOM_PATTERN_MAX + 1))).toMatch(/longer than 500/);
    expect(customPatternProblem("a(")).toMatch(/not a valid regular expression/);
    expect(customPatternProblem("a*")).toMatch(/matches empty text/);
  });

  it("read the literal text a match must start with", () => {
    expect(literalPrefix(String.raw`\bACME-\d{6}`)).toBe("ACME-");
    expect(literalPrefix(String.raw`INV\.\d+`)).toBe("INV.");
    expect(literalPrefix("abc?d")).toBe("ab");
    expect(literalPrefix("(?:EMP|CTR)\\d{5}")).toBe("");
    expect(literalPrefix("ACME|FOO")).toBe("");
    expect(literalPrefix("[|]ACME")).toBe("");
  });
});
