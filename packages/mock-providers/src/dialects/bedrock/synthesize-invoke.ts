import { randomUUID } from "node:crypto";
import { estimateTokens } from "../../estimate-tokens.js";
import { DEFAULT_DIMENSIONS, seededUnitVector } from "../../synthesize-embeddings.js";
import { synthesizeMessage } from "../anthropic/synthesize-message.js";
import { embedVectors } from "../cohere/synthesize-embed.js";

/**
 * InvokeModel bodies are the model vendor's own format. The mock answers the three
 * families tests use (Anthropic messages, Titan and Cohere embeddings) and names
 * the body it cannot answer rather than inventing a shape.
 */
export function synthesizeInvoke(modelId: string, request: Record<string, unknown>): unknown {
  if (Array.isArray(request.messages) && (typeof request.anthropic_version === "string" || modelId.includes("anthropic"))) {
    return synthesizeMessage({ ...request, model: modelId, messages: request.messages });
  }
  if (typeof request.inputText === "string") return titanEmbedding(request.inputText, request.dimensions);
  if (Array.isArray(request.texts) && request.texts.every((t): t is string => typeof t === "string")) {
    const embeddings = embedVectors(request.texts, ["float"], undefined).float;
    return { embeddings, id: randomUUID(), response_type: "embeddings_floats", texts: request.texts };
  }
  return undefined;
}

function titanEmbedding(text: string, dimensions: unknown) {
  const size = typeof dimensions === "number" && Number.isInteger(dimensions) && dimensions > 0 ? dimensions : DEFAULT_DIMENSIONS;
  const embedding = seededUnitVector(text, size);
  return { embedding, embeddingsByType: { float: embedding }, inputTextTokenCount: estimateTokens(text) };
}
