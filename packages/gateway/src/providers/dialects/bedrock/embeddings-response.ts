import { GatewayError } from "../../../lib/errors.js";
import type { Usage } from "../../usage.js";
import type { OpenAIEmbeddingsRequest, OpenAIEmbeddingsResponse } from "../dialect.js";
import { titanEmbeddingUsage } from "./converse-usage.js";
import { float32Base64 } from "../shared/float32-base64.js";
import { asArray, asObject } from "./json-values.js";

/**
 * An InvokeModel embeddings answer → OpenAI's list. Titan answers `{embedding,
 * inputTextTokenCount}`; Cohere `{embeddings: [[…]]}` or, when types were asked for,
 * `{embeddings: {float: [[…]]}}`. Cohere's body carries no token count (Bedrock puts it in
 * a response header), so its usage is null and the body's counts read 0 — never estimated.
 */
export function embeddingsResponse(json: unknown, request: OpenAIEmbeddingsRequest, model: string): { body: OpenAIEmbeddingsResponse; usage: Usage | null } {
  const answer = asObject(json);
  const vectors = readVectors(answer);
  if (vectors.length === 0) throw new GatewayError(502, "api_error", "Amazon Bedrock's embeddings answer held no vectors.", "upstream_invalid_response");
  const base64 = request.encoding_format === "base64";
  const usage = titanEmbeddingUsage(answer);
  const tokens = usage?.promptTokens ?? 0;
  return {
    body: {
      object: "list",
      data: vectors.map((vector, index) => ({ object: "embedding", index, embedding: base64 ? float32Base64(vector) : vector })),
      model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    },
    usage,
  };
}

function readVectors(answer: Record<string, unknown> | undefined): number[][] {
  if (!answer) return [];
  if (Array.isArray(answer.embedding)) return [numbers(answer.embedding)];
  const titanByType = asObject(answer.embeddingsByType)?.float;
  if (Array.isArray(titanByType)) return [numbers(titanByType)];
  const cohere = Array.isArray(answer.embeddings) ? answer.embeddings : asObject(answer.embeddings)?.float;
  return asArray(cohere).map((v) => numbers(asArray(v)));
}

function numbers(values: unknown[]): number[] {
  if (!values.every((v) => typeof v === "number")) throw new GatewayError(502, "api_error", "Amazon Bedrock's embeddings answer held a non-numeric vector.", "upstream_invalid_response");
  return values as number[];
}
