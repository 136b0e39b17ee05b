import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { wireFixture } from "../../../testing/fixtures.js";
import { readOpenAIUsage } from "./usage.js";

const usageOf = (path: string) => readOpenAIUsage(JSON.parse(readFileSync(wireFixture(path), "utf8")).usage);

describe("reading OpenAI-dialect usage from recorded responses", () => {
  it("keeps OpenAI's reasoning tokens inside completion tokens", () => {
    expect(usageOf("openai/pyd-openai-thinking-part.i1.response.json")).toEqual({ promptTokens: 577, completionTokens: 2320, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 1792 });
  });

  it("adds xAI's reasoning tokens, which sit outside completion tokens", () => {
    expect(usageOf("xai/vercel-xai-text.json")).toEqual({ promptTokens: 12, completionTokens: 229, cachedTokens: 2, cacheWriteTokens: 0, reasoningTokens: 228 });
  });

  it("reads OpenAI cached tokens as a part of prompt tokens", () => {
    expect(usageOf("openai/pyd-openai-chat-prompt-cache.i1.response.json")).toEqual({ promptTokens: 4020, completionTokens: 4, cachedTokens: 4012, cacheWriteTokens: 0, reasoningTokens: 0 });
  });

  it("keeps DeepSeek's reasoning tokens inside completion tokens", () => {
    expect(usageOf("deepseek/vercel-deepseek-reasoning.json")).toEqual({ promptTokens: 18, completionTokens: 345, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 315 });
  });

  it("falls back to DeepSeek's prompt_cache_hit_tokens when prompt_tokens_details is absent", () => {
    expect(readOpenAIUsage({ prompt_tokens: 100, completion_tokens: 5, total_tokens: 105, prompt_cache_hit_tokens: 64 })?.cachedTokens).toBe(64);
  });

  it("returns null for a missing usage and zero for junk fields", () => {
    expect(readOpenAIUsage(null)).toBeNull();
    expect(readOpenAIUsage({ prompt_tokens: "7", completion_tokens: -1 })).toEqual({ promptTokens: 0, completionTokens: 0, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 });
  });
});
