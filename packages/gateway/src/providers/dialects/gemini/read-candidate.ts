import type { FinishReason, OpenAIToolCall } from "../dialect.js";
import { makeToolCallId, toolArguments } from "../shared/openai-shapes.js";
import { isObject, objectsIn, type JsonObject } from "./json-read.js";
import { mapFinishReason } from "./map-finish-reason.js";

export interface CandidateMessage {
  content: string | null;
  reasoning: string | null;
  toolCalls: OpenAIToolCall[];
  finishReason: FinishReason | null;
}

/** A function call's id: Gemini's own when it sends one, else a fresh one (trap 6: calls usually have none). */
export function toolCallId(functionCall: JsonObject): string {
  return typeof functionCall.id === "string" && functionCall.id ? functionCall.id : makeToolCallId();
}

/**
 * One whole candidate as an OpenAI message. Parts marked `thought: true` are reasoning, not content;
 * thought signatures and parts OpenAI has no place for (images, code execution) are left out.
 * Content is null only beside tool calls; otherwise at least "".
 */
export function readCandidate(candidate: JsonObject): CandidateMessage {
  let text = "";
  let reasoning = "";
  const toolCalls: OpenAIToolCall[] = [];
  for (const part of objectsIn(isObject(candidate.content) ? candidate.content.parts : undefined)) {
    if (typeof part.text === "string") {
      if (part.thought === true) reasoning += part.text;
      else text += part.text;
    } else if (isObject(part.functionCall)) {
      const call = part.functionCall;
      toolCalls.push({ id: toolCallId(call), type: "function", function: { name: typeof call.name === "string" ? call.name : "", arguments: toolArguments(call.args) } });
    }
  }
  return {
    content: text || toolCalls.length === 0 ? text : null,
    reasoning: reasoning || null,
    toolCalls,
    finishReason: mapFinishReason(candidate.finishReason, toolCalls.length > 0),
  };
}
