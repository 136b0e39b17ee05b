/** A part of a multimodal message. Unknown part types pass through as they are. */
export type ChatContentPart =
  | { type: "text"; text: string }
  | { type: "image_url"; image_url: { url: string; detail?: "auto" | "low" | "high" } }
  | { type: "input_audio"; input_audio: { data: string; format: "wav" | "mp3" | (string & {}) } }
  | { type: "file"; file: { file_data?: string; file_id?: string; filename?: string } }
  | { type: string; [field: string]: unknown };

export interface ChatToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

export interface ChatMessage {
  role: "system" | "developer" | "user" | "assistant" | "tool" | (string & {});
  /** A string, or parts for text, images, audio and files; null for an assistant turn that only calls tools. */
  content: string | ChatContentPart[] | null;
  name?: string;
  tool_calls?: ChatToolCall[];
  tool_call_id?: string;
  [field: string]: unknown;
}

export interface ChatTool {
  type: "function";
  function: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean };
}

export interface ChatCompletionRequest {
  /** `@<virtual-key>/<model>` (e.g. `@openai-prod/gpt-4o-mini`), or a plain model the gateway routes itself. */
  model: string;
  messages: ChatMessage[];
  stream?: boolean | null;
  /** With `stream: true` the SDK sets `include_usage: true` unless you set it, so the last chunk carries usage. */
  stream_options?: { include_usage?: boolean; [field: string]: unknown } | null;
  max_tokens?: number | null;
  max_completion_tokens?: number | null;
  temperature?: number | null;
  top_p?: number | null;
  n?: number | null;
  stop?: string | string[] | null;
  presence_penalty?: number | null;
  frequency_penalty?: number | null;
  logit_bias?: Record<string, number> | null;
  logprobs?: boolean | null;
  top_logprobs?: number | null;
  seed?: number | null;
  response_format?: { type: "text" } | { type: "json_object" } | { type: "json_schema"; json_schema: Record<string, unknown> } | null;
  tools?: ChatTool[];
  tool_choice?: "none" | "auto" | "required" | { type: "function"; function: { name: string } };
  parallel_tool_calls?: boolean;
  reasoning_effort?: "minimal" | "low" | "medium" | "high" | (string & {}) | null;
  /** The end user; sent as `X-Igris-User` too, unless a header of the call already sets it. */
  user?: string;
  /** Any other field is passed to the provider untouched. */
  [field: string]: unknown;
}

export interface ChatCompletionUsage {
  /** Includes cached (and cache-write) input tokens. */
  prompt_tokens: number;
  /** Includes reasoning tokens. */
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens?: number; cache_write_tokens?: number; audio_tokens?: number; [field: string]: unknown } | null;
  completion_tokens_details?: { reasoning_tokens?: number; audio_tokens?: number; [field: string]: unknown } | null;
  [field: string]: unknown;
}

export type ChatFinishReason = "stop" | "length" | "tool_calls" | "content_filter" | "function_call" | (string & {});

export interface ChatCompletionChoice {
  index: number;
  message: {
    role: "assistant";
    content: string | null;
    refusal?: string | null;
    tool_calls?: ChatToolCall[];
    /** Reasoning text, for providers that return it (DeepSeek, Anthropic thinking, …). */
    reasoning_content?: string | null;
    [field: string]: unknown;
  };
  finish_reason: ChatFinishReason | null;
  logprobs?: unknown;
  [field: string]: unknown;
}

/** Added by the gateway to non-streaming answers when the organisation enables response metadata. */
export interface IgrisResponseMetadata {
  provider: string;
  cost_usd: string | null;
  cost_breakdown: { input_tokens: number | null; output_tokens: number | null; input_cost: string | null; output_cost: string | null };
}

export interface ChatCompletionResponse {
  id: string;
  object: "chat.completion";
  created: number;
  model: string;
  choices: ChatCompletionChoice[];
  usage?: ChatCompletionUsage;
  system_fingerprint?: string | null;
  service_tier?: string | null;
  metadata?: IgrisResponseMetadata;
  [field: string]: unknown;
}

export interface ChatToolCallDelta {
  index: number;
  id?: string;
  type?: "function";
  function?: { name?: string; arguments?: string };
}

export interface ChatCompletionChunk {
  id: string;
  object: "chat.completion.chunk";
  created: number;
  model: string;
  /** Empty in the final usage chunk (and in some providers' first chunk): never assume `choices[0]`. */
  choices: Array<{
    index: number;
    delta: { role?: "assistant"; content?: string | null; refusal?: string | null; reasoning_content?: string | null; tool_calls?: ChatToolCallDelta[]; [field: string]: unknown };
    finish_reason: ChatFinishReason | null;
    logprobs?: unknown;
  }>;
  /** Set on the last chunk when `stream_options.include_usage` is on (the SDK's default). */
  usage?: ChatCompletionUsage | null;
  system_fingerprint?: string | null;
  [field: string]: unknown;
}
