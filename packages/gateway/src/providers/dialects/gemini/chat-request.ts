import { invalidRequest } from "../../../lib/errors.js";
import type { OpenAIChatRequest, Target, UpstreamRequest } from "../dialect.js";
import { convertMessages } from "./convert-messages.js";
import { functionTools, toolConfig } from "./convert-tools.js";
import { geminiHeaders, modelPath } from "./endpoint.js";
import { generationConfig } from "./generation-config.js";
import { isObject, type JsonObject } from "./json-read.js";

/** Fields this dialect translates into the Gemini request. */
const TRANSLATED = new Set([
  "messages", "tools", "tool_choice", "temperature", "top_p", "top_k", "presence_penalty", "frequency_penalty", "seed",
  "max_tokens", "max_completion_tokens", "n", "stop", "response_format", "reasoning_effort",
]);

/**
 * Accepted and ignored: `model` and `stream` (the target and the route carry them), `stream_options` (usage
 * is always read), and OpenAI-only bookkeeping with no Gemini meaning: `user`, `store`, `metadata`,
 * `prompt_cache_key`, `safety_identifier`.
 */
const IGNORED = new Set(["model", "stream", "stream_options", "user", "store", "metadata", "prompt_cache_key", "safety_identifier"]);

/** Accepted only with the value that changes nothing; any other value cannot be honoured by Gemini. */
const DEFAULT_ONLY: Record<string, (value: unknown) => boolean> = {
  // Gemini may call several functions in one turn and has no switch to stop it.
  parallel_tool_calls: (v) => v === true,
  // Log probabilities would need translating back into OpenAI's logprobs shape, which is not done.
  logprobs: (v) => v === false,
  logit_bias: (v) => isObject(v) && Object.keys(v).length === 0,
  service_tier: (v) => v === "auto" || v === "default",
  modalities: (v) => Array.isArray(v) && v.every((m) => m === "text"),
};

/** Every field must be translated, harmless, or refused with a 400 naming it: never silently dropped. */
export function rejectUntranslatable(body: JsonObject): void {
  for (const [field, value] of Object.entries(body)) {
    if (value == null || TRANSLATED.has(field) || IGNORED.has(field)) continue;
    const isDefault = DEFAULT_ONLY[field];
    if (isDefault?.(value)) continue;
    const detail = isDefault ? `${field}=${JSON.stringify(value)} cannot be honoured` : `${field} is not supported`;
    throw invalidRequest(`${detail} by Gemini; remove it or choose a model on another provider.`, "unsupported_parameter", field);
  }
}

/** The OpenAI chat request as a Gemini generateContent (or streamGenerateContent over SSE) call. */
export function chatRequest(body: OpenAIChatRequest, target: Target, stream: boolean): UpstreamRequest {
  rejectUntranslatable(body);
  const request: JsonObject = { ...convertMessages(body.messages) };
  const tools = functionTools(body.tools);
  if (tools) request.tools = tools;
  const config = toolConfig(body.tool_choice, tools !== undefined);
  if (config) request.toolConfig = config;
  const generation = generationConfig(body, target.model);
  if (Object.keys(generation).length > 0) request.generationConfig = generation;
  return {
    method: "POST",
    path: modelPath(target.model, stream ? "streamGenerateContent?alt=sse" : "generateContent"),
    headers: geminiHeaders(target, stream ? "text/event-stream" : "application/json"),
    body: JSON.stringify(request),
  };
}
