import { estimateTokens } from "./estimate-tokens.js";
import { fnv1a, mulberry32 } from "./seeded-random.js";

export interface EmbeddingsRequest {
  model: string;
  input: unknown;
  dimensions?: unknown;
  encoding_format?: unknown;
}

export interface EmbeddingsResponse {
  object: "list";
  data: Array<{ object: "embedding"; index: number; embedding: number[] | string }>;
  model: string;
  usage: { prompt_tokens: number; total_tokens: number };
}

/** Small by default: callers of the mock test plumbing, not vector quality. */
export const DEFAULT_DIMENSIONS = 16;

/**
 * Deterministic unit vectors seeded from each input, so equal inputs embed equally
 * across runs and caches keyed on embeddings behave as they would upstream.
 */
export function synthesizeEmbeddings(request: EmbeddingsRequest): EmbeddingsResponse {
  const inputs = embeddingInputs(request.input);
  const dimensions =
    typeof request.dimensions === "number" && Number.isInteger(request.dimensions) && request.dimensions > 0
      ? request.dimensions
      : DEFAULT_DIMENSIONS;
  const asBase64 = request.encoding_format === "base64";
  let promptTokens = 0;
  const data = inputs.map((text, index) => {
    promptTokens += estimateTokens(text);
    const vector = seededUnitVector(text, dimensions);
    return { object: "embedding" as const, index, embedding: asBase64 ? float32Base64(vector) : vector };
  });
  return { object: "list", data, model: request.model, usage: { prompt_tokens: promptTokens, total_tokens: promptTokens } };
}

/** Accepts every shape OpenAI does: a string, strings, a token array, token arrays. */
export function embeddingInputs(input: unknown): string[] {
  if (typeof input === "string") return [input];
  if (!Array.isArray(input)) return [];
  if (input.length > 0 && input.every((x) => typeof x === "number")) return [input.join(",")];
  return input.map((x) => (typeof x === "string" ? x : Array.isArray(x) ? x.join(",") : JSON.stringify(x)));
}

export function seededUnitVector(text: string, dimensions: number): number[] {
  const next = mulberry32(fnv1a(text));
  const vector = new Array<number>(dimensions);
  let norm = 0;
  for (let i = 0; i < dimensions; i++) {
    const v = next() * 2 - 1;
    vector[i] = v;
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  // Rounded through float32 so the float and base64 encodings carry the same numbers.
  for (let i = 0; i < dimensions; i++) vector[i] = Math.fround(vector[i]! / norm);
  return vector;
}

/** OpenAI's base64 encoding: the vector as little-endian float32 bytes. */
export function float32Base64(vector: readonly number[]): string {
  const bytes = Buffer.allocUnsafe(vector.length * 4);
  for (let i = 0; i < vector.length; i++) bytes.writeFloatLE(vector[i]!, i * 4);
  return bytes.toString("base64");
}
