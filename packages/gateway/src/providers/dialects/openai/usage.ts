import type { Usage } from "../../usage.js";

export type { Usage } from "../../usage.js";

const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) && v > 0 ? v : 0);

/**
 * Reads an OpenAI-dialect `usage` object. Providers disagree on whether reasoning tokens
 * sit inside completion_tokens (OpenAI, DeepSeek) or beside them (xAI); total_tokens
 * tells which, so billable output always includes reasoning exactly once.
 */
export function readOpenAIUsage(raw: unknown): Usage | null {
  if (!raw || typeof raw !== "object") return null;
  const u = raw as Record<string, any>;
  const prompt = num(u.prompt_tokens);
  let completion = num(u.completion_tokens);
  const reasoning = num(u.completion_tokens_details?.reasoning_tokens);
  const total = num(u.total_tokens);
  if (reasoning > 0 && total > 0 && total === prompt + completion + reasoning) completion += reasoning;
  const cached = num(u.prompt_tokens_details?.cached_tokens) || num(u.prompt_cache_hit_tokens);
  // OpenAI reports prompt-cache writes inside prompt tokens (recorded as 0 so far).
  const cacheWrite = num(u.prompt_tokens_details?.cache_write_tokens);
  return {
    promptTokens: prompt,
    completionTokens: completion,
    cachedTokens: Math.min(cached, prompt),
    cacheWriteTokens: Math.min(cacheWrite, prompt - Math.min(cached, prompt)),
    reasoningTokens: reasoning,
  };
}
