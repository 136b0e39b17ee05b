import { invalidRequest } from "../../../lib/errors.js";

/** Fields chat-request.ts translates (or, for `top_k`, `thinking` and `cache_control`, passes on as Anthropic's own). */
const TRANSLATED = new Set([
  "model",
  "messages",
  "max_tokens",
  "max_completion_tokens",
  "temperature",
  "top_p",
  "stop",
  "stream",
  "tools",
  "tool_choice",
  "parallel_tool_calls",
  "response_format",
  "reasoning_effort",
  "user",
  "safety_identifier",
  "top_k",
  "thinking",
  "cache_control",
]);

/**
 * OpenAI-only fields that change nothing Anthropic could do differently, so they are ignored:
 * - stream_options: Anthropic always reports usage; the pipeline decides what the client sees.
 * - seed: Anthropic has no seeded sampling (OpenAI's is best effort too).
 * - store, metadata: OpenAI's stored-completions features.
 * - prompt_cache_key: an OpenAI cache-routing hint; Anthropic caches by prefix and cache_control.
 */
const IGNORED = new Set(["stream_options", "seed", "store", "metadata", "prompt_cache_key"]);

/** Fields accepted only at the value that means "OpenAI's default behaviour". */
const DEFAULT_ONLY: Record<string, (v: unknown) => boolean> = {
  n: (v) => v === 1,
  logprobs: (v) => v === false,
  frequency_penalty: (v) => v === 0,
  presence_penalty: (v) => v === 0,
  logit_bias: (v) => typeof v === "object" && v !== null && Object.keys(v).length === 0,
  modalities: (v) => Array.isArray(v) && v.length === 1 && v[0] === "text",
  service_tier: (v) => v === "auto" || v === "default",
};

/** Refuses, with a 400 naming the field, anything in the request Anthropic cannot honour. */
export function checkRequestFields(body: Record<string, unknown>): void {
  for (const [field, value] of Object.entries(body)) {
    if (TRANSLATED.has(field) || IGNORED.has(field) || value === undefined || value === null) continue;
    const isDefault = DEFAULT_ONLY[field];
    if (isDefault?.(value)) continue;
    const why = isDefault ? `${field}=${JSON.stringify(value)} has no Anthropic equivalent` : `${field} is not supported by Anthropic`;
    throw invalidRequest(`${why}.`, "unsupported_parameter", field);
  }
  checkRange(body, "temperature", 0, 1);
  checkRange(body, "top_p", 0, 1);
}

/** Anthropic's temperature stops at 1 where OpenAI's goes to 2: say so rather than let the provider reject it. */
function checkRange(body: Record<string, unknown>, field: string, min: number, max: number): void {
  const value = body[field];
  if (value == null) return;
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    throw invalidRequest(`${field} must be a number from ${min} to ${max} for Anthropic.`, null, field);
  }
}
