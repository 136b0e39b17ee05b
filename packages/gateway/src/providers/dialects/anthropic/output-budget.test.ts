import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_TOKENS, outputBudget } from "./output-budget.js";

describe("choosing max_tokens and the thinking budget", () => {
  it("defaults max_tokens, which Anthropic requires", () => {
    expect(outputBudget({})).toEqual({ maxTokens: DEFAULT_MAX_TOKENS });
  });

  it("prefers max_completion_tokens over max_tokens", () => {
    expect(outputBudget({ max_tokens: 100 })).toEqual({ maxTokens: 100 });
    expect(outputBudget({ max_tokens: 100, max_completion_tokens: 200 })).toEqual({ maxTokens: 200 });
  });

  it("refuses a limit that is not a positive integer, naming the field", () => {
    expect(() => outputBudget({ max_completion_tokens: 0 })).toThrow(/max_completion_tokens/);
    expect(() => outputBudget({ max_tokens: 1.5 })).toThrow(/max_tokens/);
  });

  it("maps reasoning_effort to a thinking budget with room for the answer on top", () => {
    expect(outputBudget({ reasoning_effort: "low" })).toEqual({ maxTokens: 2048 + DEFAULT_MAX_TOKENS, thinking: { type: "enabled", budget_tokens: 2048 } });
    expect(outputBudget({ reasoning_effort: "minimal" }).thinking?.budget_tokens).toBe(1024);
    expect(outputBudget({ reasoning_effort: "medium" }).thinking?.budget_tokens).toBe(8192);
    expect(outputBudget({ reasoning_effort: "high" }).thinking?.budget_tokens).toBe(16384);
    expect(outputBudget({ reasoning_effort: "xhigh" }).thinking?.budget_tokens).toBe(32768);
    expect(outputBudget({ reasoning_effort: "none" })).toEqual({ maxTokens: DEFAULT_MAX_TOKENS });
  });

  it("keeps the budget below the client's max tokens", () => {
    expect(outputBudget({ reasoning_effort: "high", max_completion_tokens: 10000 })).toEqual({ maxTokens: 10000, thinking: { type: "enabled", budget_tokens: 8976 } });
    expect(outputBudget({ reasoning_effort: "high", max_tokens: 1500 })).toEqual({ maxTokens: 1500, thinking: { type: "enabled", budget_tokens: 1024 } });
    expect(outputBudget({ reasoning_effort: "low", max_tokens: 64000 }).thinking?.budget_tokens).toBe(2048);
  });

  it("refuses reasoning when max tokens leave no room for Anthropic's smallest budget, and unknown efforts", () => {
    expect(() => outputBudget({ reasoning_effort: "low", max_tokens: 1024 })).toThrow(/reasoning_effort needs max_tokens above 1024/);
    expect(() => outputBudget({ reasoning_effort: "extreme" })).toThrow(/reasoning_effort must be one of/);
  });
});
