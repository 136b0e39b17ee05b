import { invalidRequest } from "../../../lib/errors.js";
import type { OpenAIEmbeddingsRequest, Target, UpstreamRequest } from "../dialect.js";
import { geminiHeaders, geminiVariant, modelId, modelPath } from "./endpoint.js";
import type { JsonObject } from "./json-read.js";

/** `user` is OpenAI bookkeeping with no Gemini meaning and is ignored; `model` is carried by the target. */
const ACCEPTED = new Set(["model", "input", "encoding_format", "dimensions", "user"]);

/**
 * An OpenAI embeddings request as AI Studio's batchEmbedContents or Vertex's predict (see geminiVariant).
 * `dimensions` becomes outputDimensionality. Gemini embeds text only: token-id input is refused.
 */
export function embeddingsRequest(body: OpenAIEmbeddingsRequest, target: Target): UpstreamRequest {
  for (const [field, value] of Object.entries(body)) {
    if (value != null && !ACCEPTED.has(field)) throw invalidRequest(`${field} is not supported by Gemini embeddings.`, "unsupported_parameter", field);
  }
  if (body.encoding_format != null && body.encoding_format !== "float" && body.encoding_format !== "base64") {
    throw invalidRequest('encoding_format must be "float" or "base64".', "invalid_value", "encoding_format");
  }
  const texts = inputTexts(body.input);
  const dimensions = outputDimensionality(body.dimensions);
  const vertex = geminiVariant(target) === "vertex";
  const payload = vertex ? vertexPredict(texts, dimensions) : studioBatch(texts, dimensions, target.model);
  return {
    method: "POST",
    path: modelPath(target.model, vertex ? "predict" : "batchEmbedContents"),
    headers: geminiHeaders(target, "application/json"),
    body: JSON.stringify(payload),
  };
}

function inputTexts(input: unknown): string[] {
  if (typeof input === "string") return [input];
  if (Array.isArray(input) && input.length > 0 && input.every((x) => typeof x === "string")) return input;
  if (Array.isArray(input) && input.some((x) => typeof x === "number" || Array.isArray(x))) {
    throw invalidRequest("Gemini embeds text only; token-id input cannot be sent to it.", "unsupported_value", "input");
  }
  throw invalidRequest("input must be a string or a non-empty array of strings.", "invalid_value", "input");
}

function outputDimensionality(dimensions: unknown): number | undefined {
  if (dimensions == null) return undefined;
  if (typeof dimensions !== "number" || !Number.isInteger(dimensions) || dimensions < 1) {
    throw invalidRequest("dimensions must be a positive integer.", "invalid_value", "dimensions");
  }
  return dimensions;
}

function studioBatch(texts: string[], dimensions: number | undefined, model: string): JsonObject {
  const name = `models/${modelId(model)}`;
  return {
    requests: texts.map((text) => ({ model: name, content: { parts: [{ text }] }, ...(dimensions ? { outputDimensionality: dimensions } : {}) })),
  };
}

function vertexPredict(texts: string[], dimensions: number | undefined): JsonObject {
  return { instances: texts.map((content) => ({ content })), ...(dimensions ? { parameters: { outputDimensionality: dimensions } } : {}) };
}
