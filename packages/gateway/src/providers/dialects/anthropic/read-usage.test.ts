import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { wireFixture } from "../../../testing/fixtures.js";
import { readAnthropicUsage } from "./read-usage.js";

const recordedUsage = (name: string) => JSON.parse(readFileSync(wireFixture(`anthropic/${name}`), "utf8")).usage;

describe("reading Anthropic usage", () => {
  it("trap 3: counts cache reads and cache writes inside prompt tokens", () => {
    expect(readAnthropicUsage(recordedUsage("pyd-anthropic-cache-real-api.i1.response.json"))).toEqual({
      promptTokens: 3 + 1111 + 418,
      completionTokens: 33,
      cachedTokens: 1111,
      cacheWriteTokens: 418,
      reasoningTokens: 0,
    });
  });

  it("trap 3: a pure cache hit is still all prompt tokens", () => {
    expect(readAnthropicUsage(recordedUsage("pyd-anthropic-cache-real-api.i0.response.json"))).toEqual({
      promptTokens: 1114,
      completionTokens: 406,
      cachedTokens: 1111,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
    });
  });

  it("reports 1-hour cache writes apart, as a part of the cache writes", () => {
    const usage = readAnthropicUsage({
      input_tokens: 10,
      cache_creation_input_tokens: 500,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 200, ephemeral_1h_input_tokens: 300 },
      output_tokens: 7,
    });
    expect(usage).toEqual({ promptTokens: 510, completionTokens: 7, cachedTokens: 0, cacheWriteTokens: 500, cacheWrite1hTokens: 300, reasoningTokens: 0 });
  });

  it("trap 12: ignores unknown fields and junk values, and returns null without usage", () => {
    expect(readAnthropicUsage({ input_tokens: 5, output_tokens: "9", server_tool_use: { web_fetch_requests: 1 }, cache_creation: null })).toEqual({
      promptTokens: 5,
      completionTokens: 0,
      cachedTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
    });
    expect(readAnthropicUsage(undefined)).toBeNull();
  });
});
