import type { Usage } from "../../usage.js";
import { asCount, asRecord } from "./payload-fields.js";

/**
 * Reads a Cohere v2 chat `usage` object (trap 3).
 *
 * Cohere reports three things: `billed_units` (what the customer pays for), `tokens` (everything
 * the model processed, including the chat template Cohere adds and does not bill), and
 * `cached_tokens` (cache hits counted over `tokens`, not over `billed_units`). The recorded
 * pyd-cohere-cached-tokens answer has billed 2406, tokens 2935 and cached 2928: cached exceeds
 * billed, so adding cached to billed (5334) or taking cached as a part of billed would both be wrong.
 *
 * We bill what Cohere bills: promptTokens = billed input (2406). The cached part of it is what
 * is left of the cache hits once every unbilled template token is assumed to be among them:
 * 2928 - (2935 - 2406) = 2399. That is the number of billed tokens that certainly came from the
 * cache (the template is the prompt's prefix, so it is cached first), and it is never more than
 * promptTokens, so the prompt counts cached tokens exactly once. Short prompts whose hits are
 * all template (vercel-cohere-text: billed 12, tokens 507, cached 448) get cachedTokens 0.
 *
 * completionTokens is billed output, which includes thinking; Cohere does not report the
 * thinking share, so reasoningTokens stays 0. Cohere reports no cache writes.
 */
export function readCohereUsage(raw: unknown): Usage | null {
  const usage = asRecord(raw);
  if (!usage) return null;
  const billed = asRecord(usage.billed_units);
  const tokens = asRecord(usage.tokens);
  const processedInput = asCount(tokens?.input_tokens);
  const promptTokens = asCount(billed?.input_tokens) ?? processedInput;
  const completionTokens = asCount(billed?.output_tokens) ?? asCount(tokens?.output_tokens);
  if (promptTokens === undefined && completionTokens === undefined) return null;
  const prompt = promptTokens ?? 0;
  const unbilledInput = Math.max(0, (processedInput ?? prompt) - prompt);
  const cachedTokens = Math.min(prompt, Math.max(0, (asCount(usage.cached_tokens) ?? 0) - unbilledInput));
  return { promptTokens: prompt, completionTokens: completionTokens ?? 0, cachedTokens, cacheWriteTokens: 0, reasoningTokens: 0 };
}

/** Usage of a Cohere embed answer: `meta.billed_units` input (and image) tokens; no output. */
export function readEmbedUsage(meta: unknown): Usage | null {
  const billed = asRecord(asRecord(meta)?.billed_units);
  const text = asCount(billed?.input_tokens);
  const images = asCount(billed?.image_tokens);
  if (text === undefined && images === undefined) return null;
  return { promptTokens: (text ?? 0) + (images ?? 0), completionTokens: 0, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
}

/**
 * Usage from any native Cohere answer (pass-through routes): a v2 chat answer carries `usage`;
 * embed answers, and v1 chat answers, carry `meta.billed_units` (v1 chat with output tokens too).
 */
export function usageOfNativeAnswer(json: unknown): Usage | null {
  const answer = asRecord(json);
  if (!answer) return null;
  const chat = readCohereUsage(answer.usage);
  if (chat) return chat;
  const billed = asRecord(asRecord(answer.meta)?.billed_units);
  const embed = readEmbedUsage(answer.meta);
  if (!embed) return null;
  return { ...embed, completionTokens: asCount(billed?.output_tokens) ?? 0 };
}
