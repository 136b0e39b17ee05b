import type { Usage } from "../../usage.js";

const count = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) && v > 0 ? Math.floor(v) : 0);

/**
 * Anthropic's `usage` as the gateway counts it. Anthropic's `input_tokens` excludes cache
 * reads and writes (trap 3), so the prompt is the sum of all three. Thinking tokens are
 * billed inside `output_tokens` but never reported apart, so reasoningTokens stays 0.
 */
export function readAnthropicUsage(raw: unknown): Usage | null {
  if (!raw || typeof raw !== "object") return null;
  const u = raw as Record<string, unknown>;
  const cacheRead = count(u.cache_read_input_tokens);
  const cacheWrite = count(u.cache_creation_input_tokens);
  const usage: Usage = {
    promptTokens: count(u.input_tokens) + cacheRead + cacheWrite,
    completionTokens: count(u.output_tokens),
    cachedTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
    reasoningTokens: 0,
  };
  const breakdown = u.cache_creation as Record<string, unknown> | null | undefined;
  const write1h = Math.min(count(breakdown?.ephemeral_1h_input_tokens), cacheWrite);
  if (write1h > 0) usage.cacheWrite1hTokens = write1h;
  return usage;
}
