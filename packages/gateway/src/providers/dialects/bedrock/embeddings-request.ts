import { invalidRequest } from "../../../lib/errors.js";
import type { OpenAIEmbeddingsRequest } from "../dialect.js";
import type { JsonObject } from "./json-values.js";

export type EmbeddingFamily = "titan" | "cohere";

/** Fields translated; `user` is ignored (the gateway audits it), `model` rides in the URL. */
const KNOWN = new Set(["model", "input", "encoding_format", "dimensions", "user", "input_type"]);

/** Which InvokeModel body a model id takes: Titan text embeddings or Cohere embed. */
export function embeddingFamily(modelId: string): EmbeddingFamily {
  if (/amazon\.titan-embed-(?:text|g1-text)/.test(modelId)) return "titan";
  if (modelId.includes("cohere.embed")) return "cohere";
  throw invalidRequest(
    `Embeddings through Amazon Bedrock support Titan text (amazon.titan-embed-text-*) and Cohere (cohere.embed-*) models; cannot tell how to call ${modelId}.`,
    "unsupported_model",
    "model",
  );
}

/**
 * An OpenAI embeddings request → an InvokeModel body. Titan embeds one text per call;
 * Cohere takes a list. Floats are always requested: base64 output is encoded here, from
 * the floats, so both families answer the same way.
 */
export function embeddingsRequestBody(body: OpenAIEmbeddingsRequest, modelId: string): JsonObject {
  for (const [field, value] of Object.entries(body)) {
    if (value !== undefined && value !== null && !KNOWN.has(field)) throw invalidRequest(`Unsupported parameter for Amazon Bedrock embeddings: "${field}".`, "unsupported_parameter", field);
  }
  const texts = inputTexts(body.input);
  const family = embeddingFamily(modelId);
  return family === "titan" ? titanBody(body, texts, modelId) : cohereBody(body, texts, modelId);
}

function inputTexts(input: unknown): string[] {
  if (typeof input === "string") return [input];
  if (Array.isArray(input) && input.length > 0 && input.every((x) => typeof x === "string")) return input as string[];
  throw invalidRequest("input must be a string or a list of strings for Amazon Bedrock; token ids cannot be sent.", "invalid_input", "input");
}

function titanBody(body: OpenAIEmbeddingsRequest, texts: string[], modelId: string): JsonObject {
  if (texts.length > 1) {
    throw invalidRequest(`Amazon Titan embeddings take one input per call; this request has ${texts.length}. Send them one at a time.`, "too_many_inputs", "input");
  }
  if (body.input_type !== undefined && body.input_type !== null) throw invalidRequest('"input_type" applies to Cohere models only.', "unsupported_parameter", "input_type");
  const request: JsonObject = { inputText: texts[0]! };
  const v2 = modelId.includes("titan-embed-text-v2");
  if (body.dimensions !== undefined && body.dimensions !== null) {
    if (!v2) throw invalidRequest("dimensions can be set only for Titan Text Embeddings V2.", "unsupported_parameter", "dimensions");
    request.dimensions = body.dimensions;
  }
  // OpenAI's vectors are unit length; V2 can say so explicitly (V1 always normalises).
  if (v2) request.normalize = true;
  return request;
}

function cohereBody(body: OpenAIEmbeddingsRequest, texts: string[], modelId: string): JsonObject {
  const inputType = body.input_type ?? "search_document";
  if (typeof inputType !== "string") throw invalidRequest("input_type must be a string.", "invalid_value", "input_type");
  const request: JsonObject = { texts, input_type: inputType, embedding_types: ["float"] };
  if (body.dimensions !== undefined && body.dimensions !== null) {
    if (!modelId.includes("cohere.embed-v4")) throw invalidRequest("dimensions can be set only for Cohere Embed v4.", "unsupported_parameter", "dimensions");
    request.output_dimension = body.dimensions;
  }
  return request;
}
