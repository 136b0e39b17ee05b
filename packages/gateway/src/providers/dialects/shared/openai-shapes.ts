import type { Usage } from "../../usage.js";
import type { FinishReason, OpenAIChatChunk, OpenAIChatCompletion, OpenAIToolCall, OpenAIToolCallDelta, OpenAIUsage, StreamIdentity } from "../dialect.js";

/** The normalised usage in OpenAI's shape: prompt includes cache reads and writes, completion includes reasoning. */
export function openAIUsage(usage: Usage): OpenAIUsage {
  const out: OpenAIUsage = {
    prompt_tokens: usage.promptTokens,
    completion_tokens: usage.completionTokens,
    total_tokens: usage.promptTokens + usage.completionTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedTokens },
    completion_tokens_details: { reasoning_tokens: usage.reasoningTokens },
  };
  if (usage.cacheWriteTokens > 0) out.prompt_tokens_details!.cache_write_tokens = usage.cacheWriteTokens;
  return out;
}

/** One `chat.completion.chunk` with a single choice. */
export function chunk(ident: StreamIdentity, delta: OpenAIChatChunk["choices"][number]["delta"], finishReason: FinishReason | null = null): OpenAIChatChunk {
  return { id: ident.id, object: "chat.completion.chunk", created: ident.created, model: ident.model, choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }] };
}

/** The final usage chunk (`choices: []`), as OpenAI sends it when `stream_options.include_usage` is set. */
export function usageChunk(ident: StreamIdentity, usage: Usage): OpenAIChatChunk {
  return { id: ident.id, object: "chat.completion.chunk", created: ident.created, model: ident.model, choices: [], usage: openAIUsage(usage) };
}

export interface CompletionParts {
  content: string | null;
  reasoning?: string | null;
  toolCalls?: OpenAIToolCall[];
  finishReason: FinishReason | null;
  usage: Usage | null;
}

/** A whole `chat.completion` with one choice. */
export function completion(ident: StreamIdentity, parts: CompletionParts): OpenAIChatCompletion {
  const message: OpenAIChatCompletion["choices"][number]["message"] = { role: "assistant", content: parts.content, refusal: null };
  if (parts.reasoning) message.reasoning_content = parts.reasoning;
  if (parts.toolCalls && parts.toolCalls.length > 0) message.tool_calls = parts.toolCalls;
  const body: OpenAIChatCompletion = {
    id: ident.id,
    object: "chat.completion",
    created: ident.created,
    model: ident.model,
    choices: [{ index: 0, message, finish_reason: parts.finishReason, logprobs: null }],
  };
  if (parts.usage) body.usage = openAIUsage(parts.usage);
  return body;
}

/** A tool-call delta; arguments default to none so a client's concatenation stays valid JSON. */
export function toolCallDelta(index: number, id: string | undefined, name: string | undefined, args: string | undefined): OpenAIToolCallDelta {
  const delta: OpenAIToolCallDelta = { index };
  if (id !== undefined) {
    delta.id = id;
    delta.type = "function";
  }
  if (name !== undefined || args !== undefined) {
    delta.function = {};
    if (name !== undefined) delta.function.name = name;
    if (args !== undefined) delta.function.arguments = args;
  }
  return delta;
}

/** Empty tool arguments arrive as "", missing, null or {} depending on the provider: always "{}". */
export function toolArguments(value: unknown): string {
  if (value === undefined || value === null || value === "") return "{}";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

let counter = 0;
/** An id for a tool call the provider did not name (Gemini): unique within the process. */
export function makeToolCallId(): string {
  counter = (counter + 1) % 0x1000000;
  return `call_${Date.now().toString(36)}${counter.toString(36).padStart(5, "0")}${Math.random().toString(36).slice(2, 8)}`;
}
