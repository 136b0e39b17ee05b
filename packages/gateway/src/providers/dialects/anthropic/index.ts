import type { Dialect } from "../dialect.js";
import { anthropicChatRequest } from "./chat-request.js";
import { anthropicChatResponse } from "./chat-response.js";
import { readAnthropicUsage } from "./read-usage.js";
import { AnthropicStreamTranslator } from "./stream-translator.js";
import { anthropicError } from "./upstream-error.js";

/** Anthropic's Messages API (`POST /v1/messages`). Anthropic has no embeddings endpoint. */
export const anthropicDialect: Dialect = {
  framing: "sse",
  chatRequest: anthropicChatRequest,
  chatResponse: anthropicChatResponse,
  chatStream: (ident) => new AnthropicStreamTranslator(ident),
  usageOf: (json) => readAnthropicUsage(json && typeof json === "object" ? (json as Record<string, unknown>).usage : undefined),
  error: anthropicError,
};
