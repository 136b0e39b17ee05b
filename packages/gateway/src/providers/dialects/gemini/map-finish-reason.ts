import type { FinishReason } from "../dialect.js";
import { isObject, type JsonObject } from "./json-read.js";

/** Gemini's reasons for stopping because of a policy: the answer was filtered. */
const FILTERED = new Set(["SAFETY", "RECITATION", "PROHIBITED_CONTENT", "BLOCKLIST", "SPII", "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION"]);

/**
 * Gemini's finishReason in OpenAI's terms. Gemini ends a function-calling turn with STOP (trap 6), so a
 * candidate that called tools reports `tool_calls`. Reasons with no OpenAI equivalent (OTHER, LANGUAGE,
 * MALFORMED_FUNCTION_CALL, …) report `stop`. No reason yet: null.
 */
export function mapFinishReason(reason: unknown, calledTools: boolean): FinishReason | null {
  if (typeof reason !== "string" || reason === "") return null;
  if (reason === "MAX_TOKENS") return "length";
  if (FILTERED.has(reason)) return "content_filter";
  return calledTools ? "tool_calls" : "stop";
}

/** The prompt itself was blocked: Gemini answers with promptFeedback.blockReason and no candidates. */
export function promptBlocked(response: JsonObject): boolean {
  return isObject(response.promptFeedback) && typeof response.promptFeedback.blockReason === "string";
}
