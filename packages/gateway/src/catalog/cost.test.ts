import { describe, expect, it } from "vitest";
import { costMicroUsd, formatUsd } from "./cost.js";
import { findPrice } from "./prices.js";

describe("cost in micro-USD", () => {
  it("bills cached input tokens at the cached price (OpenAI prompt cache usage)", () => {
    // 4020 prompt tokens of which 4012 cached, 4 completion tokens, gpt-4o-mini.
    const price = findPrice("openai", "gpt-4o-mini-2024-07-18")!;
    const micro = costMicroUsd({ promptTokens: 4020, completionTokens: 4, cachedTokens: 4012, reasoningTokens: 0 }, price);
    // 8 × 0.15 + 4012 × 0.075 + 4 × 0.60 = 1.2 + 300.9 + 2.4 = 304.5 µUSD
    expect(micro).toBe(305);
  });

  it("bills reasoning tokens as output", () => {
    const price = findPrice("xai", "grok-3-mini")!;
    // 10 uncached × 0.30 + 2 cached × 0.075 + 229 × 0.50 = 3 + 0.15 + 114.5
    expect(costMicroUsd({ promptTokens: 12, completionTokens: 229, cachedTokens: 2, reasoningTokens: 228 }, price)).toBe(118);
  });

  it("finds a price by provider override, by model, and without a date suffix", () => {
    expect(findPrice("groq", "llama-3.3-70b-versatile")?.input).toBe(590);
    expect(findPrice("together", "llama-3.3-70b-versatile")).toBeUndefined();
    expect(findPrice("demo", "gpt-4.1-nano-2025-04-14")?.output).toBe(400);
    expect(findPrice("openai", "no-such-model")).toBeUndefined();
  });

  it("formats micro-USD as an exact decimal string", () => {
    expect(formatUsd(305)).toBe("0.000305");
    expect(formatUsd(12_345_678)).toBe("12.345678");
    expect(formatUsd(0)).toBe("0.000000");
  });
});
