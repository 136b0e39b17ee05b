import { GatewayError } from "../../../lib/errors.js";
import type { Usage } from "../../usage.js";
import type { OpenAIEmbeddingsRequest, OpenAIEmbeddingsResponse } from "../dialect.js";
import { float32Base64 } from "../shared/float32-base64.js";
import { isObject, objectsIn } from "./json-read.js";
import { predictionTokens } from "./read-usage.js";

/** The vectors of either answer: AI Studio's `embeddings[].values` or Vertex's `predictions[].embeddings.values`. */
function vectorsOf(json: unknown): number[][] {
  const response = isObject(json) ? json : {};
  const entries = Array.isArray(response.predictions)
    ? objectsIn(response.predictions).map((p) => (isObject(p.embeddings) ? p.embeddings.values : undefined))
    : objectsIn(response.embeddings).map((e) => e.values);
  if (entries.length === 0 || !entries.every((v): v is number[] => Array.isArray(v) && v.every((x) => typeof x === "number"))) {
    throw new GatewayError(502, "api_error", "Gemini answered without embedding vectors.", "invalid_upstream_response");
  }
  return entries;
}

/**
 * The embeddings answer in OpenAI's shape. Usage is Vertex's summed statistics.token_count; AI Studio
 * reports none, so usage is null (unknown, not estimated) and the body's counts are 0.
 */
export function embeddingsResponse(json: unknown, request: OpenAIEmbeddingsRequest, model: string): { body: OpenAIEmbeddingsResponse; usage: Usage | null } {
  const encode = request.encoding_format === "base64" ? float32Base64 : (values: number[]) => values;
  const tokens = isObject(json) ? predictionTokens(json.predictions) : null;
  const usage: Usage | null = tokens === null ? null : { promptTokens: tokens, completionTokens: 0, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
  const body: OpenAIEmbeddingsResponse = {
    object: "list",
    data: vectorsOf(json).map((values, index) => ({ object: "embedding", index, embedding: encode(values) })),
    model,
    usage: { prompt_tokens: tokens ?? 0, total_tokens: tokens ?? 0 },
  };
  return { body, usage };
}
