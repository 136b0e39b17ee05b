import { contentText, estimateTokens } from "../../estimate-tokens.js";
import { DEFAULT_DIMENSIONS, seededUnitVector } from "../../synthesize-embeddings.js";

/** `{ content: { parts: [{ text }] } }`, one text to embed. */
export function embedContentText(content: unknown): string | undefined {
  if (typeof content !== "object" || content === null) return undefined;
  const parts = (content as { parts?: unknown }).parts;
  return Array.isArray(parts) ? contentText(parts) : undefined;
}

function dimensionsOf(value: unknown): number {
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : DEFAULT_DIMENSIONS;
}

export function embedding(text: string, outputDimensionality: unknown): { values: number[] } {
  return { values: seededUnitVector(text, dimensionsOf(outputDimensionality)) };
}

export interface VertexPrediction {
  embeddings: { statistics: { truncated: false; token_count: number }; values: number[] };
}

/** Vertex's `:predict` answer for text-embedding models: one prediction per instance, billed by character. */
export function vertexPredictions(texts: readonly string[], outputDimensionality: unknown) {
  const predictions: VertexPrediction[] = texts.map((text) => ({
    embeddings: {
      statistics: { truncated: false, token_count: estimateTokens(text) },
      values: seededUnitVector(text, dimensionsOf(outputDimensionality)),
    },
  }));
  const billableCharacterCount = texts.reduce((sum, text) => sum + text.replace(/\s/g, "").length, 0);
  return { predictions, metadata: { billableCharacterCount } };
}
