import { invalidRequest } from "../../../lib/errors.js";
import { isObject, type JsonObject } from "./json-read.js";
import { thinkingConfig } from "./thinking-config.js";

/** Numeric sampling fields: OpenAI name → Gemini name, and whether Gemini wants an integer. */
const NUMBERS: Array<[string, string, "number" | "integer"]> = [
  ["temperature", "temperature", "number"],
  ["top_p", "topP", "number"],
  ["top_k", "topK", "integer"],
  ["presence_penalty", "presencePenalty", "number"],
  ["frequency_penalty", "frequencyPenalty", "number"],
  ["seed", "seed", "integer"],
];

/** The OpenAI request's sampling, length, format and reasoning settings as Gemini's generationConfig. */
export function generationConfig(body: JsonObject, model: string): JsonObject {
  const config: JsonObject = {};
  for (const [from, to, kind] of NUMBERS) {
    const value = numberField(body, from, kind);
    if (value !== undefined) config[to] = value;
  }
  const maxField = body.max_completion_tokens != null ? "max_completion_tokens" : "max_tokens";
  const max = numberField(body, maxField, "integer");
  if (max !== undefined) config.maxOutputTokens = max;
  const n = numberField(body, "n", "integer");
  if (n !== undefined && n < 1) throw invalidRequest("n must be at least 1.", "invalid_value", "n");
  if (n !== undefined && n > 1) config.candidateCount = n;
  const stop = stopSequences(body.stop);
  if (stop) config.stopSequences = stop;
  Object.assign(config, responseFormat(body.response_format));
  const thinking = thinkingConfig(body.reasoning_effort, model);
  if (thinking) config.thinkingConfig = thinking;
  return config;
}

function numberField(body: JsonObject, field: string, kind: "number" | "integer"): number | undefined {
  const value = body[field];
  if (value == null) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value) || (kind === "integer" && !Number.isInteger(value))) {
    throw invalidRequest(`${field} must be ${kind === "integer" ? "an integer" : "a number"}.`, "invalid_type", field);
  }
  return value;
}

function stopSequences(stop: unknown): string[] | undefined {
  if (stop == null) return undefined;
  if (typeof stop === "string") return [stop];
  if (Array.isArray(stop) && stop.every((s) => typeof s === "string")) return stop.length > 0 ? stop : undefined;
  throw invalidRequest("stop must be a string or an array of strings.", "invalid_type", "stop");
}

/** json_object → JSON mime type; json_schema → JSON mime type plus the schema as JSON Schema. */
function responseFormat(format: unknown): JsonObject {
  if (format == null || (isObject(format) && format.type === "text")) return {};
  if (isObject(format) && format.type === "json_object") return { responseMimeType: "application/json" };
  if (isObject(format) && format.type === "json_schema") {
    const schema = isObject(format.json_schema) ? format.json_schema.schema : undefined;
    if (!isObject(schema)) throw invalidRequest("response_format.json_schema.schema must be a JSON Schema object.", "invalid_value", "response_format.json_schema.schema");
    return { responseMimeType: "application/json", responseJsonSchema: schema };
  }
  throw invalidRequest("response_format.type must be text, json_object or json_schema for Gemini.", "unsupported_value", "response_format");
}
