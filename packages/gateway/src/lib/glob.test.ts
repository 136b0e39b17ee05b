import { describe, expect, it } from "vitest";
import { anyGlobMatcher, globMatcher } from "./glob.js";

describe("model globs", () => {
  it("match exactly without a wildcard and by prefix/suffix with one", () => {
    expect(globMatcher("gpt-4o")("gpt-4o")).toBe(true);
    expect(globMatcher("gpt-4o")("gpt-4o-mini")).toBe(false);
    expect(globMatcher("gpt-4*")("gpt-4o-mini")).toBe(true);
    expect(globMatcher("claude-3-5-*")("claude-3-5-sonnet")).toBe(true);
    expect(globMatcher("*-mini")("o4-mini")).toBe(true);
  });

  it("treat regex characters literally", () => {
    expect(globMatcher("a.b")("axb")).toBe(false);
    expect(anyGlobMatcher(["x", "gpt-4.1*"])("gpt-4.1-nano")).toBe(true);
    expect(anyGlobMatcher([])("anything")).toBe(false);
  });
});
