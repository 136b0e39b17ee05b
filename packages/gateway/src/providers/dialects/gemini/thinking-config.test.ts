import { describe, expect, it } from "vitest";
import { thinkingConfig, usesThinkingBudget } from "./thinking-config.js";

describe("reasoning_effort", () => {
  it("uses a thinking budget on Gemini 2.x, with thought summaries on", () => {
    expect(thinkingConfig("low", "gemini-2.5-flash")).toEqual({ thinkingBudget: 1024, includeThoughts: true });
    expect(thinkingConfig("medium", "models/gemini-2.5-pro")).toEqual({ thinkingBudget: 8192, includeThoughts: true });
    expect(thinkingConfig("high", "publishers/google/models/gemini-2.5-flash-lite")).toEqual({ thinkingBudget: 24576, includeThoughts: true });
  });
  it("turns thinking off on Gemini 2.x for none, as the recorded pydantic-ai request does", () => {
    expect(thinkingConfig("none", "gemini-2.5-flash")).toEqual({ thinkingBudget: 0 });
  });
  it("uses a thinking level on Gemini 3 and later, the least level for none", () => {
    expect(thinkingConfig("high", "gemini-3-pro-preview")).toEqual({ thinkingLevel: "high", includeThoughts: true });
    expect(thinkingConfig("minimal", "gemini-3-flash-preview")).toEqual({ thinkingLevel: "minimal", includeThoughts: true });
    expect(thinkingConfig("none", "gemini-3.1-pro-preview")).toEqual({ thinkingLevel: "minimal" });
  });
  it("sends nothing without reasoning_effort and answers 400 for values Gemini has no equivalent for", () => {
    expect(thinkingConfig(undefined, "gemini-2.5-flash")).toBeUndefined();
    expect(() => thinkingConfig("xhigh", "gemini-3-pro-preview")).toThrow(/reasoning_effort/);
    expect(() => thinkingConfig("toString", "gemini-3-pro-preview")).toThrow(/reasoning_effort/);
  });
  it("tells model families apart by the last path segment of the name", () => {
    expect(usesThinkingBudget("gemini-2.0-flash")).toBe(true);
    expect(usesThinkingBudget("gemini-1.5-pro-002")).toBe(true);
    expect(usesThinkingBudget("gemini-3-pro-preview")).toBe(false);
    expect(usesThinkingBudget("gemini-flash-latest")).toBe(false);
  });
});
