import type { Dialect } from "../dialect.js";
import { chatRequest } from "./chat-request.js";
import { chatResponse } from "./chat-response.js";
import { chatStream } from "./chat-stream.js";
import { embeddingsRequest } from "./embeddings-request.js";
import { embeddingsResponse } from "./embeddings-response.js";
import { usageOf } from "./read-usage.js";
import { upstreamError } from "./upstream-error.js";

/** Google's Gemini API: AI Studio (`google`) and Vertex AI (`vertex-ai`), one dialect (see README.md here). */
export const geminiDialect: Dialect = {
  framing: "sse",
  chatRequest,
  chatResponse,
  chatStream,
  usageOf,
  error: upstreamError,
  embeddingsRequest,
  embeddingsResponse,
};
