import { invalidRequest } from "../../../lib/errors.js";
import type { OpenAIChatRequest } from "../dialect.js";
import { convertMessages } from "./convert-messages.js";
import { convertTools } from "./convert-tools.js";
import type { JsonObject } from "./json-values.js";
import { outputConfig } from "./output-config.js";
import { reasoningConfig } from "./reasoning-config.js";

/** Fields translated below. */
const TRANSLATED = new Set(["messages", "temperature", "top_p", "stop", "max_tokens", "max_completion_tokens", "tools", "tool_choice", "response_format", "reasoning_effort"]);

/**
 * OpenAI-only fields ignored because they change nothing about the answer Bedrock gives:
 * `model` and `stream` (carried by the URL), `stream_options` (the pipeline's business),
 * `user` (the gateway's audit), `seed` (Converse has no seed), `store`, `metadata`,
 * `prompt_cache_key` and `safety_identifier` (OpenAI's own storage and routing hints).
 */
const IGNORED = new Set(["model", "stream", "stream_options", "user", "seed", "store", "metadata", "prompt_cache_key", "safety_identifier"]);

/** Fields accepted only at the value that is also Bedrock's behaviour. */
const DEFAULT_ONLY: Record<string, (value: unknown) => boolean> = {
  n: (v) => v === 1,
  parallel_tool_calls: (v) => v === true,
  logprobs: (v) => v === false,
  frequency_penalty: (v) => v === 0,
  presence_penalty: (v) => v === 0,
  logit_bias: (v) => typeof v === "object" && v !== null && Object.keys(v).length === 0,
  modalities: (v) => Array.isArray(v) && v.every((m) => m === "text"),
  service_tier: (v) => v === "auto" || v === "default",
};

/** An OpenAI chat request → a Converse / ConverseStream body (the model id goes in the URL). */
export function converseRequestBody(body: OpenAIChatRequest, modelId: string): JsonObject {
  rejectInexpressible(body);
  const conversation = convertMessages(body.messages);
  const reasoning = reasoningConfig(body.reasoning_effort, modelId, tokenLimit(body));
  const request: JsonObject = { messages: conversation.messages };
  if (conversation.system.length > 0) request.system = conversation.system;
  const inference = inferenceConfig(body, reasoning.maxTokens ?? tokenLimit(body));
  if (inference) request.inferenceConfig = inference;
  const toolConfig = convertTools(body.tools, body.tool_choice, conversation.hasToolBlocks);
  if (toolConfig) request.toolConfig = toolConfig;
  const output = outputConfig(body.response_format);
  if (output) request.outputConfig = output;
  if (reasoning.additionalModelRequestFields) request.additionalModelRequestFields = reasoning.additionalModelRequestFields;
  return request;
}

function rejectInexpressible(body: OpenAIChatRequest): void {
  for (const [field, value] of Object.entries(body)) {
    if (value === undefined || value === null || TRANSLATED.has(field) || IGNORED.has(field)) continue;
    const acceptable = DEFAULT_ONLY[field];
    if (acceptable?.(value)) continue;
    const detail = acceptable ? `${field}=${JSON.stringify(value)} cannot be expressed for Amazon Bedrock.` : `Unsupported parameter for Amazon Bedrock: "${field}".`;
    throw invalidRequest(detail, "unsupported_parameter", field);
  }
}

/** max_completion_tokens is the current name; max_tokens the older one. */
function tokenLimit(body: OpenAIChatRequest): number | undefined {
  const field = body.max_completion_tokens !== undefined && body.max_completion_tokens !== null ? "max_completion_tokens" : "max_tokens";
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) throw invalidRequest(`${field} must be a positive integer.`, "invalid_value", field);
  return value;
}

function inferenceConfig(body: OpenAIChatRequest, maxTokens: number | undefined): JsonObject | undefined {
  const config: JsonObject = {};
  if (maxTokens !== undefined) config.maxTokens = maxTokens;
  const temperature = numberField(body, "temperature");
  if (temperature !== undefined) config.temperature = temperature;
  const topP = numberField(body, "top_p");
  if (topP !== undefined) config.topP = topP;
  const stop = stopSequences(body.stop);
  if (stop.length > 0) config.stopSequences = stop;
  return Object.keys(config).length > 0 ? config : undefined;
}

function numberField(body: OpenAIChatRequest, field: string): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value)) throw invalidRequest(`${field} must be a number.`, "invalid_value", field);
  return value;
}

function stopSequences(stop: unknown): string[] {
  if (stop === undefined || stop === null) return [];
  const list = typeof stop === "string" ? [stop] : stop;
  if (!Array.isArray(list) || !list.every((s) => typeof s === "string")) throw invalidRequest("stop must be a string or a list of strings.", "invalid_value", "stop");
  return list.filter((s) => s !== "");
}
