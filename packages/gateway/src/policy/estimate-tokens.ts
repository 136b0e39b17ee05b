import { countTokens } from "gpt-tokenizer/encoding/o200k_base";

/**
 * Estimates a chat request's input tokens with a real BPE tokenizer (o200k, the
 * encoding of current OpenAI models; other providers' tokenizers differ by a few
 * percent, which is within what a reservation needs). Per message, a small framing
 * overhead is added as OpenAI's chat format does; an image part counts a flat 85 tokens
 * (the low-detail price), since its real cost depends on size the gateway does not decode.
 */
const PER_MESSAGE = 3;
const PER_REQUEST = 3;
const PER_IMAGE = 85;

export function estimateInputTokens(body: Record<string, unknown>): number {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  let total = PER_REQUEST;
  for (const message of messages) {
    if (!message || typeof message !== "object") continue;
    const m = message as Record<string, unknown>;
    total += PER_MESSAGE;
    if (typeof m.name === "string") total += countTokens(m.name);
    total += contentTokens(m.content);
    if (Array.isArray(m.tool_calls)) {
      for (const call of m.tool_calls) {
        const fn = (call as { function?: { name?: unknown; arguments?: unknown } })?.function;
        if (typeof fn?.name === "string") total += countTokens(fn.name);
        if (typeof fn?.arguments === "string") total += countTokens(fn.arguments);
      }
    }
  }
  // Tool definitions are sent to the model as text too.
  if (Array.isArray(body.tools)) total += countTokens(JSON.stringify(body.tools));
  return total;
}

function contentTokens(content: unknown): number {
  if (typeof content === "string") return countTokens(content);
  if (!Array.isArray(content)) return 0;
  let total = 0;
  for (const part of content) {
    const p = part as { type?: unknown; text?: unknown };
    if (typeof p?.text === "string") total += countTokens(p.text);
    else if (p?.type === "image_url" || p?.type === "input_image") total += PER_IMAGE;
  }
  return total;
}

/** The output tokens a call may produce: its max_tokens / max_completion_tokens, else the default. */
export function requestedMaxTokens(body: Record<string, unknown>): number | null {
  for (const field of ["max_completion_tokens", "max_tokens"]) {
    const v = body[field];
    if (typeof v === "number" && Number.isInteger(v) && v > 0) return v;
  }
  return null;
}
