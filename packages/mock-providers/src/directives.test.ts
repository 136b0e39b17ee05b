import { describe, expect, it } from "vitest";
import { DirectiveError, mergeDirectives, parseDirectives } from "./directives.js";

describe("parseDirectives", () => {
  it("reads key=value pairs and bare keys separated by semicolons", () => {
    expect(parseDirectives("status=500;retry-after=7;reset")).toEqual({ status: 500, retryAfter: "7", reset: true });
  });

  it("maps every fault key to a typed field", () => {
    expect(parseDirectives("latency=10;chunk-delay=5;cut=3;stall=2;expect-key=sk-test")).toEqual({
      latencyMs: 10,
      chunkDelayMs: 5,
      cut: 3,
      stall: 2,
      expectKey: "sk-test",
    });
  });

  it("URL-decodes values so fixture names and keys can travel in a path segment", () => {
    expect(parseDirectives("fixture=openai%2Fvercel-openai-text;expect-key=sk%3Bsemi")).toEqual({
      fixture: "openai/vercel-openai-text",
      expectKey: "sk;semi",
    });
  });

  it("ignores empty items and surrounding whitespace", () => {
    expect(parseDirectives(" ; status = 429 ;; ")).toEqual({ status: 429 });
    expect(parseDirectives("")).toEqual({});
  });

  it("lets a later item override an earlier one", () => {
    expect(parseDirectives("status=500;status=503")).toEqual({ status: 503 });
  });

  it("rejects unknown keys loudly instead of ignoring them", () => {
    expect(() => parseDirectives("stauts=500")).toThrow(DirectiveError);
    expect(() => parseDirectives("stauts=500")).toThrow(/unknown mock directive "stauts"/);
  });

  it("rejects values that are not what the key needs", () => {
    expect(() => parseDirectives("status=abc")).toThrow(/integer/);
    expect(() => parseDirectives("status=99")).toThrow(DirectiveError);
    expect(() => parseDirectives("cut=-1")).toThrow(DirectiveError);
    expect(() => parseDirectives("latency=1.5")).toThrow(DirectiveError);
    expect(() => parseDirectives("fixture")).toThrow(/needs a value/);
    expect(() => parseDirectives("reset=1")).toThrow(/takes no value/);
    expect(() => parseDirectives("fixture=%E0%A4%A")).toThrow(/malformed/);
  });
});

describe("mergeDirectives", () => {
  it("lets the header win key by key and keeps the rest of the path directives", () => {
    const fromPath = parseDirectives("status=500;retry-after=7");
    const fromHeader = parseDirectives("status=429");
    expect(mergeDirectives(fromPath, fromHeader)).toEqual({ status: 429, retryAfter: "7" });
  });
});
