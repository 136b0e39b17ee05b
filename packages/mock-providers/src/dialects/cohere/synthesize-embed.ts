import { randomUUID } from "node:crypto";
import { estimateTokens } from "../../estimate-tokens.js";
import { DEFAULT_DIMENSIONS, seededUnitVector } from "../../synthesize-embeddings.js";

/** The embedding types the mock can encode; Cohere's binary packings are refused by the caller. */
export const EMBEDDING_TYPES = ["float", "int8", "uint8"] as const;
export type EmbeddingType = (typeof EMBEDDING_TYPES)[number];

export interface CohereEmbedResponse {
  id: string;
  texts: string[];
  embeddings: Partial<Record<EmbeddingType, number[][]>>;
  meta: { api_version: { version: "2" }; billed_units: { input_tokens: number } };
  response_type: "embeddings_by_type";
}

export function isEmbeddingType(value: unknown): value is EmbeddingType {
  return (EMBEDDING_TYPES as readonly unknown[]).includes(value);
}

/** Deterministic vectors per text, in each requested type (int8/uint8 quantized from the floats). */
export function embedVectors(texts: readonly string[], types: readonly EmbeddingType[], dimensions: unknown) {
  const size = typeof dimensions === "number" && Number.isInteger(dimensions) && dimensions > 0 ? dimensions : DEFAULT_DIMENSIONS;
  const floats = texts.map((text) => seededUnitVector(text, size));
  const embeddings: Partial<Record<EmbeddingType, number[][]>> = {};
  for (const type of types) {
    if (type === "float") embeddings.float = floats;
    if (type === "int8") embeddings.int8 = floats.map((v) => v.map((x) => Math.round(x * 127)));
    if (type === "uint8") embeddings.uint8 = floats.map((v) => v.map((x) => Math.round((x + 1) * 127.5)));
  }
  return embeddings;
}

export function synthesizeCohereEmbed(
  texts: readonly string[],
  types: readonly EmbeddingType[],
  dimensions: unknown,
  id: string = randomUUID(),
): CohereEmbedResponse {
  const inputTokens = texts.reduce((sum, text) => sum + estimateTokens(text), 0);
  return {
    id,
    texts: [...texts],
    embeddings: embedVectors(texts, types, dimensions),
    meta: { api_version: { version: "2" }, billed_units: { input_tokens: inputTokens } },
    response_type: "embeddings_by_type",
  };
}
