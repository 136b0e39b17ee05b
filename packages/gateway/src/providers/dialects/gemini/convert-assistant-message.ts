import { invalidRequest } from "../../../lib/errors.js";
import { textParts } from "./convert-user-content.js";
import { isObject, type JsonObject } from "./json-read.js";
import type { GeminiContent, GeminiPart } from "./wire-types.js";

/**
 * Google's documented stand-in for a thought signature. Gemini 3 refuses a replayed function call without
 * the signature it was sent with, and OpenAI messages have nowhere to keep one, so the first call of each
 * model turn carries this instead (the model then does not see its earlier reasoning).
 */
export const SKIPPED_THOUGHT_SIGNATURE = "skip_thought_signature_validator";

/**
 * An assistant message as a `model` content: its text, then its tool calls as functionCall parts.
 * Each call's id → name goes into `toolNames`, because Gemini's functionResponse is matched by name.
 * `reasoning_content` sent back by a client is ignored: Gemini cannot take thought text as input.
 * Returns null for a message with nothing in it.
 */
export function assistantContent(message: JsonObject, param: string, toolNames: Map<string, string>): GeminiContent | null {
  const parts: GeminiPart[] = message.content == null ? [] : textParts(message.content, `${param}.content`);
  const calls = message.tool_calls;
  if (calls != null) {
    if (!Array.isArray(calls)) throw invalidRequest(`${param}.tool_calls must be an array.`, "invalid_tool_calls", `${param}.tool_calls`);
    calls.forEach((call, i) => {
      const part = functionCallPart(call, `${param}.tool_calls[${i}]`, toolNames);
      if (i === 0) part.thoughtSignature = SKIPPED_THOUGHT_SIGNATURE;
      parts.push(part);
    });
  }
  return parts.length > 0 ? { role: "model", parts } : null;
}

function functionCallPart(call: unknown, param: string, toolNames: Map<string, string>): GeminiPart {
  const fn = isObject(call) ? call.function : undefined;
  if (!isObject(call) || (call.type !== undefined && call.type !== "function") || !isObject(fn) || typeof fn.name !== "string" || !fn.name) {
    throw invalidRequest(`${param} must be a function call with a name.`, "invalid_tool_calls", param);
  }
  if (typeof call.id === "string") toolNames.set(call.id, fn.name);
  return { functionCall: { name: fn.name, args: parseArguments(fn.arguments, `${param}.function.arguments`) } };
}

/** OpenAI carries arguments as JSON text; Gemini wants the object. Empty arguments are `{}`. */
function parseArguments(raw: unknown, param: string): Record<string, unknown> {
  if (raw == null || raw === "") return {};
  if (isObject(raw)) return raw;
  let value: unknown;
  try {
    value = typeof raw === "string" ? JSON.parse(raw) : undefined;
  } catch {
    value = undefined;
  }
  if (!isObject(value)) throw invalidRequest(`${param} must be a JSON object.`, "invalid_tool_arguments", param);
  return value;
}
