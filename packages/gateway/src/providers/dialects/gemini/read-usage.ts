import type { Usage } from "../../usage.js";
import { isObject, objectsIn, tokenCount } from "./json-read.js";

const COUNTS = ["promptTokenCount", "candidatesTokenCount", "thoughtsTokenCount", "cachedContentTokenCount", "toolUsePromptTokenCount", "totalTokenCount"];

/**
 * Gemini's usageMetadata as normalised usage. promptTokenCount already includes cachedContentTokenCount
 * (cache reads); tool-use prompt tokens (e.g. search results) are input too. Thoughts are billed output
 * but sit outside candidatesTokenCount (trap 4), so completion = candidates + thoughts, and prompt +
 * completion equals totalTokenCount. Gemini's implicit cache has no write charge: cacheWriteTokens is 0.
 * Null when the metadata carries no count at all (Vertex sends only `trafficType` mid-stream).
 */
export function readUsageMetadata(raw: unknown): Usage | null {
  if (!isObject(raw) || !COUNTS.some((field) => typeof raw[field] === "number")) return null;
  const prompt = tokenCount(raw.promptTokenCount) + tokenCount(raw.toolUsePromptTokenCount);
  const thoughts = tokenCount(raw.thoughtsTokenCount);
  return {
    promptTokens: prompt,
    completionTokens: tokenCount(raw.candidatesTokenCount) + thoughts,
    cachedTokens: Math.min(tokenCount(raw.cachedContentTokenCount), prompt),
    cacheWriteTokens: 0,
    reasoningTokens: thoughts,
  };
}

/** Input tokens of a Vertex embeddings `predict` answer (statistics.token_count per instance); null when absent. */
export function predictionTokens(predictions: unknown): number | null {
  const stats = objectsIn(predictions).map((p) => (isObject(p.embeddings) && isObject(p.embeddings.statistics) ? p.embeddings.statistics.token_count : undefined));
  if (stats.length === 0 || stats.some((n) => typeof n !== "number")) return null;
  return stats.reduce<number>((sum, n) => sum + tokenCount(n), 0);
}

/**
 * Usage of a native answer: generateContent, a streamGenerateContent JSON array (the last usage wins),
 * or a Vertex embeddings prediction. AI Studio's batchEmbedContents reports none: null.
 */
export function usageOf(json: unknown): Usage | null {
  if (Array.isArray(json)) {
    for (let i = json.length - 1; i >= 0; i--) {
      const usage = usageOf(json[i]);
      if (usage) return usage;
    }
    return null;
  }
  if (!isObject(json)) return null;
  if (json.usageMetadata !== undefined) return readUsageMetadata(json.usageMetadata);
  const tokens = predictionTokens(json.predictions);
  return tokens === null ? null : { promptTokens: tokens, completionTokens: 0, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
}
