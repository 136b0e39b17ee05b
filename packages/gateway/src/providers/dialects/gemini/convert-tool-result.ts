import { invalidRequest } from "../../../lib/errors.js";
import { isObject, type JsonObject } from "./json-read.js";
import type { GeminiPart } from "./wire-types.js";

/**
 * A `tool` message as a functionResponse part. Gemini matches results to calls by function name, which
 * OpenAI results do not carry, so the name comes from the earlier assistant call with the same id.
 */
export function functionResponsePart(message: JsonObject, param: string, toolNames: ReadonlyMap<string, string>): GeminiPart {
  const id = message.tool_call_id;
  if (typeof id !== "string" || !id) throw invalidRequest(`${param}.tool_call_id is required.`, "invalid_tool_result", `${param}.tool_call_id`);
  const name = toolNames.get(id);
  if (!name) {
    throw invalidRequest(`${param}.tool_call_id ${JSON.stringify(id)} matches no tool call of an earlier assistant message.`, "invalid_tool_result", `${param}.tool_call_id`);
  }
  return { functionResponse: { name, response: responseObject(resultText(message.content, `${param}.content`)) } };
}

/** Gemini wants an object: a JSON-object result goes as is, anything else under `output` (its documented key). */
function responseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (isObject(value)) return value;
  } catch {
    // not JSON: plain text output
  }
  return { output: text };
}

function resultText(content: unknown, param: string): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content) && content.every((p) => isObject(p) && p.type === "text" && typeof p.text === "string")) {
    return content.map((p) => (p as { text: string }).text).join("");
  }
  throw invalidRequest(`${param} must be a string or an array of text parts.`, "invalid_tool_result", param);
}
