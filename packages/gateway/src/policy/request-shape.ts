import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { type CompiledGuard, chatRequestTexts, redactChatRequest } from "./content-guard/index.js";
import { estimateInputTokens, requestedMaxTokens } from "./estimate-tokens.js";

/** What governance needs to know about a kind of request, so one policy engine serves them all. */
export interface RequestShape {
  /** Input tokens, estimated with a real tokenizer. */
  estimateInput(body: Record<string, unknown>): number;
  /** Output tokens a limit reservation takes; null when the request sets none (the configured default applies). */
  maxOutput(body: Record<string, unknown>): number | null;
  /** Whether output bounds (maxOutputTokens, maxRequestMaxTokens) mean anything for it. */
  producesText: boolean;
  /** Every text the caller sends, for content guards. */
  texts(body: Record<string, unknown>): string[];
  /** Lowers the request's output bound to `max` (a token guard's cap); absent: OpenAI's fields. */
  capOutput?(body: Record<string, unknown>, max: number): void;
  /** A copy with every such text redacted, and the counts. */
  redact(body: Record<string, unknown>, guard: CompiledGuard): { body: Record<string, unknown>; counts: Record<string, number> };
}

export const CHAT_REQUEST: RequestShape = {
  estimateInput: estimateInputTokens,
  maxOutput: requestedMaxTokens,
  producesText: true,
  texts: chatRequestTexts,
  redact: redactChatRequest,
};

/** `input` is a string, a list of strings, or token ids (one list or several). */
function inputTexts(body: Record<string, unknown>): string[] {
  const input = body.input;
  if (typeof input === "string") return [input];
  return Array.isArray(input) ? input.filter((x): x is string => typeof x === "string") : [];
}

export const EMBEDDINGS_REQUEST: RequestShape = {
  estimateInput(body) {
    const input = body.input;
    if (Array.isArray(input) && input.every((x) => typeof x === "number")) return input.length;
    let total = 0;
    for (const item of Array.isArray(input) ? input : [input]) {
      if (typeof item === "string") total += countTokens(item);
      else if (Array.isArray(item)) total += item.length;
    }
    return total;
  },
  // An embedding produces vectors, not tokens.
  maxOutput: () => 0,
  producesText: false,
  texts: inputTexts,
  redact(body, guard) {
    const counts: Record<string, number> = {};
    const redactOne = (text: string) => {
      const r = guard.redact(text);
      for (const [k, n] of Object.entries(r.counts)) counts[k] = (counts[k] ?? 0) + n;
      return r.text;
    };
    const input = body.input;
    const redacted = typeof input === "string" ? redactOne(input) : Array.isArray(input) ? input.map((x) => (typeof x === "string" ? redactOne(x) : x)) : input;
    return { body: { ...body, input: redacted }, counts };
  },
};

/** A request whose one prose field is `field` (an image prompt, text to speak): no text output to bound. */
export function singleTextShape(field: string, count: (text: string) => number): RequestShape {
  const text = (body: Record<string, unknown>) => (typeof body[field] === "string" ? (body[field] as string) : "");
  return {
    estimateInput: (body) => count(text(body)),
    maxOutput: () => 0,
    producesText: false,
    texts: (body) => (text(body) === "" ? [] : [text(body)]),
    redact(body, guard) {
      if (text(body) === "") return { body, counts: {} };
      const r = guard.redact(text(body));
      return { body: { ...body, [field]: r.text }, counts: r.counts };
    },
  };
}
