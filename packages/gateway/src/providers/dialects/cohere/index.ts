import type { Dialect } from "../dialect.js";
import { buildChatRequest } from "./chat-request.js";
import { translateChatResponse } from "./chat-response.js";
import { CohereStreamTranslator } from "./chat-stream.js";
import { buildEmbeddingsRequest } from "./embeddings-request.js";
import { translateEmbeddingsResponse } from "./embeddings-response.js";
import { usageOfNativeAnswer } from "./read-usage.js";
import { translateError } from "./upstream-error.js";

/** Cohere's v2 Chat and Embed APIs (https://api.cohere.com/v2/chat, /v2/embed), bearer auth, SSE streams. */
export const cohereDialect: Dialect = {
  framing: "sse",
  chatRequest: buildChatRequest,
  chatResponse: translateChatResponse,
  chatStream: (ident) => new CohereStreamTranslator(ident),
  usageOf: usageOfNativeAnswer,
  error: translateError,
  embeddingsRequest: buildEmbeddingsRequest,
  embeddingsResponse: translateEmbeddingsResponse,
};
