import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readOpenAIUsage } from "../providers/dialects/openai/usage.js";
import type { Usage } from "../providers/usage.js";
import { wireFixture } from "../testing/fixtures.js";
import { costOf, formatUsd } from "./cost.js";
import type { ModelPrice } from "./schema.js";

const price = (p: Omit<ModelPrice, "source" | "checkedAt">): ModelPrice => ({ ...p, source: "https://example.com/pricing", checkedAt: "2026-11-23" });
const usage = (u: Partial<Usage>): Usage => ({ promptTokens: 0, completionTokens: 0, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, ...u });
const fixtureJson = (path: string) => JSON.parse(readFileSync(wireFixture(path), "utf8"));

describe("cost in micro-USD", () => {
  it("bills OpenAI cached tokens, which sit inside prompt tokens, at the cached price", () => {
    // Recorded: 4020 prompt tokens of which 4012 cached, 4 completion tokens (gpt-4o-mini).
    const u = readOpenAIUsage(fixtureJson("openai/pyd-openai-chat-prompt-cache.i1.response.json").usage)!;
    const cost = costOf(u, price({ input: 0.15, cachedInput: 0.075, output: 0.6 }));
    // 8 × 0.15 + 4012 × 0.075 = 302.1 → 302; 4 × 0.6 = 2.4 → 2
    expect(cost).toEqual({ inputMicroUsd: 302, outputMicroUsd: 2, totalMicroUsd: 304 });
  });

  it("bills xAI reasoning tokens, which sit outside completion tokens, once", () => {
    const u = readOpenAIUsage(fixtureJson("xai/vercel-xai-text.json").usage)!;
    expect(u).toMatchObject({ completionTokens: 229, reasoningTokens: 228 });
    // grok-3-mini: 10 × 0.30 + 2 × 0.075 = 3.15 → 3; 229 × 0.50 = 114.5 → 115 (round half to even is not used)
    expect(costOf(u, price({ input: 0.3, cachedInput: 0.075, output: 0.5 }))).toEqual({ inputMicroUsd: 3, outputMicroUsd: 115, totalMicroUsd: 118 });
  });

  it("bills Anthropic cache reads and writes, which sit outside input_tokens, each at its own price", () => {
    const raw = fixtureJson("anthropic/pyd-anthropic-cache-real-api.i1.response.json").usage;
    // Anthropic's input_tokens excludes both cache reads and cache writes.
    const u = usage({
      promptTokens: raw.input_tokens + raw.cache_read_input_tokens + raw.cache_creation_input_tokens,
      cachedTokens: raw.cache_read_input_tokens,
      cacheWriteTokens: raw.cache_creation_input_tokens,
      completionTokens: raw.output_tokens,
    });
    const sonnet = price({ input: 3, cachedInput: 0.3, cacheWrite: 3.75, output: 15 });
    const expectedInput = raw.input_tokens * 3 + raw.cache_read_input_tokens * 0.3 + raw.cache_creation_input_tokens * 3.75;
    expect(costOf(u, sonnet)).toEqual({
      inputMicroUsd: Math.round(expectedInput),
      outputMicroUsd: Math.round(raw.output_tokens * 15),
      totalMicroUsd: Math.round(expectedInput) + Math.round(raw.output_tokens * 15),
    });
    expect(raw.cache_read_input_tokens + raw.cache_creation_input_tokens).toBeGreaterThan(0);
  });

  it("prices 1-hour cache writes apart when the model does", () => {
    const p = price({ input: 3, cacheWrite: 3.75, cacheWrite1h: 6, output: 15 });
    expect(costOf(usage({ promptTokens: 1000, cacheWriteTokens: 1000, cacheWrite1hTokens: 400 }), p).inputMicroUsd).toBe(600 * 3.75 + 400 * 6);
  });

  it("bills reasoning tokens at their own price where one is published", () => {
    const p = price({ input: 1, output: 2, reasoning: 5 });
    expect(costOf(usage({ completionTokens: 100, reasoningTokens: 40 }), p).outputMicroUsd).toBe(60 * 2 + 40 * 5);
  });

  it("prices the whole call at the context tier its input passes", () => {
    const p = price({ input: 1.25, output: 10, cachedInput: 0.31, tiers: [{ aboveInputTokens: 200_000, input: 2.5, output: 15, cachedInput: 0.625 }] });
    expect(costOf(usage({ promptTokens: 200_000, completionTokens: 1000 }), p)).toEqual({ inputMicroUsd: 250_000, outputMicroUsd: 10_000, totalMicroUsd: 260_000 });
    expect(costOf(usage({ promptTokens: 200_001, completionTokens: 1000, cachedTokens: 1 }), p)).toEqual({
      inputMicroUsd: Math.round(200_000 * 2.5 + 0.625),
      outputMicroUsd: 15_000,
      totalMicroUsd: Math.round(200_000 * 2.5 + 0.625) + 15_000,
    });
  });

  it("never counts a cached token twice, whatever a provider reports", () => {
    const p = price({ input: 1, cachedInput: 0.5, cacheWrite: 2, output: 1 });
    // More cached and written than prompt tokens: clamp, do not go negative.
    expect(costOf(usage({ promptTokens: 10, cachedTokens: 8, cacheWriteTokens: 8 }), p).inputMicroUsd).toBe(Math.round(8 * 0.5 + 2 * 2));
  });

  it("formats micro-USD as an exact decimal string", () => {
    expect(formatUsd(305)).toBe("0.000305");
    expect(formatUsd(12_345_678)).toBe("12.345678");
    expect(formatUsd(0)).toBe("0.000000");
  });
});
