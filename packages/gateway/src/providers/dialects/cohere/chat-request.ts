import type { OpenAIChatRequest, Target, UpstreamRequest } from "../dialect.js";
import { convertMessages } from "./convert-messages.js";
import { convertTools } from "./convert-tools.js";
import { mapReasoning } from "./map-reasoning-effort.js";
import { mapResponseFormat } from "./map-response-format.js";
import type { JsonRecord } from "./payload-fields.js";
import { unsupportedField, unsupportedValue } from "./request-errors.js";
import { cohereRequest } from "./upstream-request.js";

type FieldRule = (value: unknown, out: JsonRecord, body: OpenAIChatRequest) => void;

/** OpenAI fields with a Cohere equivalent. Fields read together (tools, reasoning) are handled after the loop. */
const RULES: Record<string, FieldRule> = {
  temperature: (v, out) => (out.temperature = number(v, "temperature")),
  // Cohere takes p in [0.01, 0.99]; OpenAI clients often send top_p: 1 ("no cut-off"), whose
  // nearest Cohere value is 0.99 (leaving p out would mean Cohere's default of 0.75 instead).
  top_p: (v, out) => (out.p = Math.min(0.99, Math.max(0.01, number(v, "top_p")))),
  top_k: (v, out) => (out.k = integer(v, "top_k")),
  frequency_penalty: (v, out) => (out.frequency_penalty = number(v, "frequency_penalty")),
  presence_penalty: (v, out) => (out.presence_penalty = number(v, "presence_penalty")),
  seed: (v, out) => (out.seed = integer(v, "seed")),
  stop: (v, out) => (out.stop_sequences = stopSequences(v)),
  max_completion_tokens: (v, out) => (out.max_tokens = integer(v, "max_completion_tokens")),
  // The newer OpenAI name wins when a client sends both.
  max_tokens: (v, out, body) => {
    if (body.max_completion_tokens == null) out.max_tokens = integer(v, "max_tokens");
  },
  response_format: (v, out) => (out.response_format = mapResponseFormat(v)),
  tools: () => {},
  tool_choice: () => {},
  parallel_tool_calls: () => {},
  reasoning_effort: () => {},
  thinking: () => {},
};

/** Cohere's own request fields, passed on as they are for clients that know them. */
const COHERE_FIELDS = new Set(["k", "p", "safety_mode", "documents", "citation_options", "strict_tools"]);

/**
 * OpenAI-only fields that change nothing in the answer, ignored: `user`, `metadata`,
 * `stream_options` (the pipeline adds usage), `prompt_cache_key`, `safety_identifier`,
 * `service_tier` auto/default, `store: false`, `n: 1`, `logprobs: false`,
 * `modalities: ["text"]`, and messages' `name`. Any other value of these is refused.
 */
const IGNORED: Record<string, (value: unknown) => boolean> = {
  user: () => true,
  metadata: () => true,
  stream_options: () => true,
  prompt_cache_key: () => true,
  safety_identifier: () => true,
  service_tier: (v) => v === "auto" || v === "default",
  store: (v) => v === false,
  n: (v) => v === 1,
  logprobs: (v) => v === false,
  modalities: (v) => Array.isArray(v) && v.length === 1 && v[0] === "text",
};

/**
 * An OpenAI chat request as a Cohere v2 chat request (POST /v2/chat). Every field is either
 * translated, passed on as a Cohere field, ignored as cosmetic (above), or refused with a 400
 * naming it; nothing is dropped silently. A null field counts as absent.
 */
export function buildChatRequest(body: OpenAIChatRequest, target: Target, stream: boolean): UpstreamRequest {
  if (!Array.isArray(body.messages)) throw unsupportedValue("messages", "expected a list of messages.");
  const out: JsonRecord = { model: target.model, messages: convertMessages(body.messages) };
  for (const [key, value] of Object.entries(body)) {
    if (value == null || key === "messages" || key === "model" || key === "stream") continue;
    const rule = RULES[key];
    if (rule) rule(value, out, body);
    else if (COHERE_FIELDS.has(key)) out[key] = value;
    else if (!IGNORED[key]?.(value)) throw unsupportedField(key, IGNORED[key] ? `the value ${JSON.stringify(value)} cannot be honoured.` : "");
  }
  Object.assign(out, convertTools(body));
  const thinking = mapReasoning(body.reasoning_effort, body.thinking);
  if (thinking) out.thinking = thinking;
  if (out.response_format === undefined) delete out.response_format;
  out.stream = stream;
  return cohereRequest("/v2/chat", target, out, stream);
}

function number(value: unknown, param: string): number {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  throw unsupportedValue(param, "expected a number.");
}

function integer(value: unknown, param: string): number {
  if (Number.isInteger(value)) return value as number;
  throw unsupportedValue(param, "expected an integer.");
}

function stopSequences(value: unknown): string[] {
  const list = typeof value === "string" ? [value] : value;
  if (Array.isArray(list) && list.every((s) => typeof s === "string")) return list;
  throw unsupportedValue("stop", "expected a string or a list of strings.");
}
