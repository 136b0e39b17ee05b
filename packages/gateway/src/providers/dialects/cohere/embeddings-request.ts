import type { OpenAIEmbeddingsRequest, Target, UpstreamRequest } from "../dialect.js";
import type { JsonRecord } from "./payload-fields.js";
import { unsupportedField, unsupportedValue } from "./request-errors.js";
import { cohereRequest } from "./upstream-request.js";

/**
 * An OpenAI embeddings request as a Cohere v2 embed request (POST /v2/embed).
 * - `input_type` is required by Cohere and OpenAI has none: it defaults to "search_document",
 *   and a client may send Cohere's own `input_type` (e.g. "search_query" for queries).
 * - `truncate` defaults to "NONE": like OpenAI, an over-long input is an error rather than the
 *   embedding of a silently shortened text. A client may send Cohere's "START" or "END".
 * - `dimensions` is Cohere's `output_dimension`; `max_tokens` (Cohere's) is passed on.
 * - Floats are always requested; `encoding_format: "base64"` is produced from them.
 * - Token-id input has no Cohere equivalent and is refused; `user` is ignored.
 */
export function buildEmbeddingsRequest(body: OpenAIEmbeddingsRequest, target: Target): UpstreamRequest {
  const out: JsonRecord = {
    model: target.model,
    texts: inputTexts(body.input),
    input_type: optionalString(body.input_type, "input_type") ?? "search_document",
    embedding_types: ["float"],
    truncate: optionalString(body.truncate, "truncate") ?? "NONE",
  };
  for (const [key, value] of Object.entries(body)) {
    if (value == null || HANDLED.has(key)) continue;
    if (key === "dimensions") out.output_dimension = positiveInteger(value, "dimensions");
    else if (key === "max_tokens") out.max_tokens = positiveInteger(value, "max_tokens");
    else if (key === "encoding_format") {
      if (value !== "float" && value !== "base64") throw unsupportedValue("encoding_format", 'expected "float" or "base64".');
    } else throw unsupportedField(key);
  }
  return cohereRequest("/v2/embed", target, out);
}

const HANDLED = new Set(["model", "input", "input_type", "truncate", "user"]);

function inputTexts(input: unknown): string[] {
  if (typeof input === "string") return [input];
  if (Array.isArray(input) && input.length > 0 && input.every((item) => typeof item === "string")) return input;
  if (Array.isArray(input) && input.some((item) => typeof item === "number" || Array.isArray(item))) {
    throw unsupportedField("input", "token-id input cannot be embedded by Cohere; send text.");
  }
  throw unsupportedValue("input", "expected a string or a non-empty list of strings.");
}

function optionalString(value: unknown, param: string): string | undefined {
  if (value == null) return undefined;
  if (typeof value === "string" && value !== "") return value;
  throw unsupportedValue(param, "expected a string.");
}

function positiveInteger(value: unknown, param: string): number {
  if (Number.isInteger(value) && (value as number) > 0) return value as number;
  throw unsupportedValue(param, "expected a positive integer.");
}
