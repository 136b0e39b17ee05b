import { describe, expect, it } from "vitest";
import type { Usage } from "../../usage.js";
import type { JsonObject } from "./json-read.js";
import { predictionTokens, readUsageMetadata, usageOf } from "./read-usage.js";
import { googleJson } from "./test-fixtures.js";

const metadata = (name: string) => (googleJson(name) as JsonObject).usageMetadata as JsonObject;
const total = (u: Usage) => u.promptTokens + u.completionTokens;

describe("Gemini usage", () => {
  it("trap 3: promptTokenCount includes cachedContentTokenCount, read as cached input (fb-vertex-implicit-caching.json)", () => {
    const usage = readUsageMetadata(metadata("fb-vertex-implicit-caching.json"))!;
    expect(usage).toEqual({ promptTokens: 12013, completionTokens: 88, cachedTokens: 11243, cacheWriteTokens: 0, reasoningTokens: 73 });
    expect(total(usage)).toBe(metadata("fb-vertex-implicit-caching.json").totalTokenCount);
  });
  it("trap 4: thoughtsTokenCount is billed output outside candidatesTokenCount (fb-googleai-thinking-function-call-signature.json)", () => {
    const usage = readUsageMetadata(metadata("fb-googleai-thinking-function-call-signature.json"))!;
    expect(usage).toEqual({ promptTokens: 38, completionTokens: 509, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 501 });
    expect(total(usage)).toBe(547);
  });
  it("counts tool-use prompt tokens as input so the sum matches totalTokenCount", () => {
    const usage = readUsageMetadata({ promptTokenCount: 10, toolUsePromptTokenCount: 90, candidatesTokenCount: 5, thoughtsTokenCount: 2, totalTokenCount: 107 })!;
    expect(usage).toEqual({ promptTokens: 100, completionTokens: 7, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 2 });
    expect(total(usage)).toBe(107);
  });
  it("reads a prompt-only count and returns null for metadata without counts", () => {
    expect(readUsageMetadata(metadata("fb-vertex-finish-reason-safety.json"))).toEqual({ promptTokens: 8, completionTokens: 0, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 });
    expect(readUsageMetadata({ trafficType: "ON_DEMAND" })).toBeNull();
    expect(readUsageMetadata(undefined)).toBeNull();
  });
  it("reads native answers: a JSON body, a streamed JSON array (last usage wins) and Vertex predictions", () => {
    expect(usageOf(googleJson("vercel-google-text.json"))).toEqual({ promptTokens: 9, completionTokens: 272, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 244 });
    expect(usageOf([{ usageMetadata: { promptTokenCount: 5, totalTokenCount: 5 } }, { usageMetadata: { promptTokenCount: 4, candidatesTokenCount: 3, totalTokenCount: 7 } }, { candidates: [] }])?.promptTokens).toBe(4);
    expect(usageOf(googleJson("vercel-google-vertex-embedding.json"))).toEqual({ promptTokens: 11, completionTokens: 0, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 });
    expect(usageOf(googleJson("fb-vertex-function-call-parallel.json"))).toBeNull();
    expect(usageOf(googleJson("pyd-google-embeddings.i0.response.json"))).toBeNull();
    expect(usageOf("junk")).toBeNull();
  });
  it("needs a token count on every prediction to report Vertex embedding usage", () => {
    expect(predictionTokens([{ embeddings: { statistics: { token_count: 3 } } }, { embeddings: { values: [] } }])).toBeNull();
    expect(predictionTokens([])).toBeNull();
  });
});
