import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { wireFixture } from "../../../testing/fixtures.js";
import { readCohereUsage, readEmbedUsage, usageOfNativeAnswer } from "./read-usage.js";

const recorded = (name: string) => JSON.parse(readFileSync(wireFixture(`cohere/${name}`), "utf8"));

describe("reading Cohere usage", () => {
  it("trap 3: cached_tokens is counted over processed tokens, so prompt = billed and cached is the billed part that hit the cache", () => {
    const answer = recorded("pyd-cohere-cached-tokens.i0.response.json");
    expect(answer.usage).toEqual({ billed_units: { input_tokens: 2406, output_tokens: 2 }, cached_tokens: 2928, tokens: { input_tokens: 2935, output_tokens: 4 } });
    const usage = readCohereUsage(answer.usage)!;
    expect(usage).toEqual({ promptTokens: 2406, completionTokens: 2, cachedTokens: 2399, cacheWriteTokens: 0, reasoningTokens: 0 });
    expect(usage.cachedTokens).toBeLessThanOrEqual(usage.promptTokens);
  });

  it("trap 3: cache hits that only cover Cohere's unbilled template are not reported as cached", () => {
    const usage = readCohereUsage(recorded("vercel-cohere-text.json").usage);
    expect(usage).toEqual({ promptTokens: 12, completionTokens: 7, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 });
  });

  it("bills billed_units, not the processed token counts", () => {
    expect(readCohereUsage(recorded("pyd-cohere-simple.i0.response.json").usage)).toEqual({
      promptTokens: 1,
      completionTokens: 9,
      cachedTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
    });
  });

  it("falls back to processed tokens when billed units are missing", () => {
    expect(readCohereUsage({ tokens: { input_tokens: 30, output_tokens: 5 }, cached_tokens: 10 })).toEqual({
      promptTokens: 30,
      completionTokens: 5,
      cachedTokens: 10,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
    });
  });

  it("never reports more cached than prompt tokens", () => {
    expect(readCohereUsage({ billed_units: { input_tokens: 5, output_tokens: 1 }, cached_tokens: 900 })?.cachedTokens).toBe(5);
  });

  it("reads nothing from missing or malformed usage", () => {
    expect(readCohereUsage(undefined)).toBeNull();
    expect(readCohereUsage({})).toBeNull();
    expect(readCohereUsage({ billed_units: { input_tokens: "7" } })).toBeNull();
  });

  it("reads embed usage from meta.billed_units, image tokens included", () => {
    expect(readEmbedUsage(recorded("vercel-cohere-embedding.json").meta)).toEqual({
      promptTokens: 10,
      completionTokens: 0,
      cachedTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
    });
    expect(readEmbedUsage({ billed_units: { input_tokens: 4, image_tokens: 1000 } })?.promptTokens).toBe(1004);
    expect(readEmbedUsage({ api_version: { version: "2" } })).toBeNull();
  });

  it("reads usage from native chat and embed answers", () => {
    expect(usageOfNativeAnswer(recorded("pyd-cohere-cached-tokens.i0.response.json"))?.cachedTokens).toBe(2399);
    expect(usageOfNativeAnswer(recorded("pyd-cohere-embed.i0.response.json"))?.promptTokens).toBe(4);
    expect(usageOfNativeAnswer({ meta: { billed_units: { input_tokens: 3, output_tokens: 8 } } })).toMatchObject({ promptTokens: 3, completionTokens: 8 });
    expect(usageOfNativeAnswer("nope")).toBeNull();
    expect(usageOfNativeAnswer({ id: "x" })).toBeNull();
  });
});
