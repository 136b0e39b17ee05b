import type { Usage } from "../../usage.js";
import { float32Base64 } from "../shared/float32-base64.js";
import type { OpenAIEmbeddingsRequest, OpenAIEmbeddingsResponse } from "../dialect.js";
import { asRecord } from "./payload-fields.js";
import { readEmbedUsage } from "./read-usage.js";

/**
 * A Cohere embed answer as OpenAI's list of embeddings, in input order. v2 answers hold the
 * vectors in `embeddings.float`; a v1-style answer holds them in `embeddings` itself. With
 * `encoding_format: "base64"` each vector becomes the base64 of its little-endian float32
 * bytes, as OpenAI sends it.
 */
export function translateEmbeddingsResponse(
  json: unknown,
  request: OpenAIEmbeddingsRequest,
  model: string,
): { body: OpenAIEmbeddingsResponse; usage: Usage | null } {
  const answer = asRecord(json) ?? {};
  const embeddings = answer.embeddings;
  const vectors = Array.isArray(embeddings) ? embeddings : asRecord(embeddings)?.float;
  const base64 = request.encoding_format === "base64";
  const data = (Array.isArray(vectors) ? vectors : []).map((vector, index) => {
    const floats = Array.isArray(vector) ? vector.map(Number) : [];
    return { object: "embedding" as const, index, embedding: base64 ? float32Base64(floats) : floats };
  });
  const usage = readEmbedUsage(answer.meta);
  const tokens = usage?.promptTokens ?? 0;
  return { body: { object: "list", data, model, usage: { prompt_tokens: tokens, total_tokens: tokens } }, usage };
}
