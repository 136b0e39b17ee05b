import type { Usage } from "../../usage.js";
import { asCount, asObject } from "./json-values.js";

/**
 * Converse `usage` → the normalised Usage. Bedrock's `inputTokens` excludes cache reads and
 * writes (the cache fixture: 13 input + 1504 cache read + 5 output = totalTokens 1522), so
 * they are added back to make promptTokens the whole input. Converse reports no separate
 * reasoning count; thinking tokens are already inside `outputTokens`.
 */
export function converseUsage(raw: unknown): Usage | null {
  const usage = asObject(raw);
  if (!usage) return null;
  const input = asCount(usage.inputTokens);
  const output = asCount(usage.outputTokens);
  if (input === undefined && output === undefined) return null;
  // The *Count spellings are older aliases Bedrock still sends beside the current names.
  const cacheRead = asCount(usage.cacheReadInputTokens) ?? asCount(usage.cacheReadInputTokenCount) ?? 0;
  const cacheWrite = asCount(usage.cacheWriteInputTokens) ?? asCount(usage.cacheWriteInputTokenCount) ?? 0;
  return {
    promptTokens: (input ?? 0) + cacheRead + cacheWrite,
    completionTokens: output ?? 0,
    cachedTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
    reasoningTokens: 0,
  };
}

/** Titan embeddings count their input as `inputTextTokenCount`. */
export function titanEmbeddingUsage(raw: unknown): Usage | null {
  const tokens = asCount(asObject(raw)?.inputTextTokenCount);
  return tokens === undefined ? null : { promptTokens: tokens, completionTokens: 0, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
}

/** Usage from a native Bedrock answer: a Converse response or a Titan embeddings response. */
export function bedrockUsageOf(json: unknown): Usage | null {
  return converseUsage(asObject(json)?.usage) ?? titanEmbeddingUsage(json);
}
