import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { wireFixture } from "../../../testing/fixtures.js";
import { bedrockUsageOf, converseUsage } from "./converse-usage.js";

const fixture = (name: string) => JSON.parse(readFileSync(wireFixture(`bedrock/${name}`), "utf8"));

describe("reading Converse usage", () => {
  it("trap 3: adds cache reads to inputTokens, which excludes them (pyd-bedrock-cache-usage)", () => {
    const json = fixture("pyd-bedrock-cache-usage.i0.response.json");
    const usage = converseUsage(json.usage)!;
    expect(usage).toEqual({ promptTokens: 1517, completionTokens: 5, cachedTokens: 1504, cacheWriteTokens: 0, reasoningTokens: 0 });
    // The provider's own total agrees only if inputTokens excluded the cache.
    expect(usage.promptTokens + usage.completionTokens).toBe(json.usage.totalTokens);
  });

  it("trap 3: adds cache writes too and reports them apart", () => {
    const usage = converseUsage({ inputTokens: 10, outputTokens: 4, cacheReadInputTokens: 0, cacheWriteInputTokens: 1500, totalTokens: 1514 });
    expect(usage).toEqual({ promptTokens: 1510, completionTokens: 4, cachedTokens: 0, cacheWriteTokens: 1500, reasoningTokens: 0 });
  });

  it("falls back to the older *Count spellings", () => {
    expect(converseUsage({ inputTokens: 1, outputTokens: 2, cacheReadInputTokenCount: 3, cacheWriteInputTokenCount: 4 })).toMatchObject({ promptTokens: 8, cachedTokens: 3, cacheWriteTokens: 4 });
  });

  it("reads plain usage without cache fields (pyd-bedrock-converse)", () => {
    expect(converseUsage(fixture("pyd-bedrock-converse.i0.response.json").usage)).toEqual({ promptTokens: 7, completionTokens: 30, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 });
  });

  it("trap 12: ignores unknown fields and returns null for no usage at all", () => {
    expect(converseUsage({ inputTokens: 1, outputTokens: 1, serverToolUsage: {}, somethingNew: { x: 1 } })).toMatchObject({ promptTokens: 1 });
    expect(converseUsage(undefined)).toBeNull();
    expect(converseUsage({ totalTokens: 5 })).toBeNull();
  });

  it("reads usage from native Converse and Titan answers", () => {
    expect(bedrockUsageOf(fixture("vercel-bedrock-reasoning.json"))).toEqual({ promptTokens: 51, completionTokens: 78, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 });
    expect(bedrockUsageOf(fixture("pyd-bedrock-embeddings-titan.i0.response.json"))).toEqual({ promptTokens: 5, completionTokens: 0, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 });
    expect(bedrockUsageOf(fixture("pyd-bedrock-embeddings-cohere.i0.response.json"))).toBeNull();
    expect(bedrockUsageOf("nope")).toBeNull();
  });
});
