import type { ErrorBody } from "../../lib/errors.js";
import type { ProviderInfo } from "../registry.js";
import type { Usage } from "../usage.js";

/**
 * The small interface every non-OpenAI wire format implements (DESIGN §3). The pipeline
 * speaks OpenAI's shapes to clients; a dialect turns them into its provider's request and
 * turns the provider's answers, streams and errors back. Everything here is pure and
 * synchronous, so each part is unit-tested against the recorded fixtures.
 */

/** Where and how the upstream call goes; the pipeline sends it with undici. */
export interface UpstreamRequest {
  method: "POST";
  /** Appended to the virtual key's base URL path; may carry a query string. */
  path: string;
  /** Content type, accept and credential headers included. */
  headers: Record<string, string>;
  body: string;
}

/** What a dialect needs to know about the target of one call. */
export interface Target {
  provider: ProviderInfo;
  /** The virtual key's resolved base URL, e.g. "https://api.anthropic.com". */
  baseUrl: string;
  /** Plaintext credential (never put it in anything but the request's auth). */
  credential: string;
  /** The provider's model name (the part after `@slug/`). */
  model: string;
}

/** An OpenAI chat completion request body, as clients send it (unknown fields kept). */
export type OpenAIChatRequest = Record<string, unknown> & { messages: unknown[] };

/** An OpenAI embeddings request body. */
export type OpenAIEmbeddingsRequest = Record<string, unknown> & { input: unknown; encoding_format?: "float" | "base64"; dimensions?: number };

export interface OpenAIToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

export type FinishReason = "stop" | "length" | "tool_calls" | "content_filter";

/** A `chat.completion` object, as the OpenAI client reads it. */
export interface OpenAIChatCompletion {
  id: string;
  object: "chat.completion";
  created: number;
  model: string;
  choices: Array<{
    index: number;
    message: {
      role: "assistant";
      content: string | null;
      /** Thinking text, where the provider returns it (DeepSeek's field name). */
      reasoning_content?: string;
      tool_calls?: OpenAIToolCall[];
      refusal: null;
    };
    finish_reason: FinishReason | null;
    logprobs: null;
  }>;
  usage?: OpenAIUsage;
}

export interface OpenAIUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens: number; cache_write_tokens?: number };
  completion_tokens_details?: { reasoning_tokens: number };
}

export interface OpenAIToolCallDelta {
  index: number;
  id?: string;
  type?: "function";
  function?: { name?: string; arguments?: string };
}

/** A `chat.completion.chunk`: role in the first delta, tool calls by index, usage last. */
export interface OpenAIChatChunk {
  id: string;
  object: "chat.completion.chunk";
  created: number;
  model: string;
  choices: Array<{
    index: number;
    delta: { role?: "assistant"; content?: string; reasoning_content?: string; tool_calls?: OpenAIToolCallDelta[] };
    finish_reason: FinishReason | null;
    logprobs: null;
  }>;
  usage?: OpenAIUsage | null;
}

export interface OpenAIEmbeddingsResponse {
  object: "list";
  data: Array<{ object: "embedding"; index: number; embedding: number[] | string }>;
  model: string;
  usage: { prompt_tokens: number; total_tokens: number };
}

/** One decoded upstream stream event: an SSE event, or one AWS event-stream message. */
export interface UpstreamEvent {
  /** SSE `event:` name, or the event-stream `:event-type` / `:exception-type` header. */
  event: string | null;
  /** The payload, parsed from JSON (undefined when it was not JSON). */
  data: unknown;
  /** For AWS event-stream: `event` or `exception` (`:message-type`). */
  messageType?: string;
}

/** An error that ends a stream after HTTP 200; becomes the client's final error event. */
export interface StreamError {
  message: string;
  type: string;
  code: string | null;
  /** More fields for the error object, e.g. a policy rule's id. */
  extra?: Record<string, unknown>;
}

/** Ids and names the translated chunks carry. */
export interface StreamIdentity {
  /** e.g. "chatcmpl-…", used when the provider gives no id. */
  id: string;
  /** Unix seconds. */
  created: number;
  /** The model the client asked for; replaced by the provider's answer when it names one. */
  model: string;
}

/**
 * A stream translation in progress: feed events, get OpenAI chunks. The translator sends
 * `role: "assistant"` in the first delta, tool calls by index, and a chunk with the
 * finish reason; the pipeline adds the usage chunk (when the client asked for it) and
 * `data: [DONE]`. On native pass-through routes the same translator only reads usage,
 * model and errors while the provider's own bytes go to the client.
 */
export interface StreamTranslator {
  /** Chunks to send for this upstream event (often none, sometimes several). */
  push(event: UpstreamEvent): OpenAIChatChunk[];
  /** Latest usage seen (providers that send running totals: the last one). */
  readonly usage: Usage | null;
  /** The provider's model name, once an event named it. */
  readonly model: string | null;
  /** A finish reason was sent: the answer is complete. */
  readonly finished: boolean;
  /** An in-band error event: the stream must end with it. */
  readonly error: StreamError | null;
}

export interface Dialect {
  /** How the provider frames its stream. */
  readonly framing: "sse" | "aws-eventstream";
  /** Build the upstream chat request from an OpenAI one. Throws GatewayError (4xx) for what cannot be translated. */
  chatRequest(body: OpenAIChatRequest, target: Target, stream: boolean): UpstreamRequest | Promise<UpstreamRequest>;
  /** The provider's JSON answer as an OpenAI chat completion, with usage read exactly. */
  chatResponse(json: unknown, ident: StreamIdentity): { body: OpenAIChatCompletion; usage: Usage | null };
  /** A fresh translator for one streamed answer. */
  chatStream(ident: StreamIdentity): StreamTranslator;
  /** Usage from a native (pass-through) JSON answer, for the audit. */
  usageOf(json: unknown): Usage | null;
  /** The provider's error status and body as an OpenAI error body (credential scrubbed by the caller). */
  error(status: number, bodyText: string): ErrorBody;
  /** Embeddings, where the dialect has them. */
  embeddingsRequest?(body: OpenAIEmbeddingsRequest, target: Target): UpstreamRequest | Promise<UpstreamRequest>;
  embeddingsResponse?(json: unknown, request: OpenAIEmbeddingsRequest, model: string): { body: OpenAIEmbeddingsResponse; usage: Usage | null };
}
