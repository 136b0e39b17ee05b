import { invalidRequest } from "../../../lib/errors.js";
import { assistantContent } from "./convert-assistant-message.js";
import { functionResponsePart } from "./convert-tool-result.js";
import { textParts, userParts } from "./convert-user-content.js";
import { isObject } from "./json-read.js";
import type { GeminiContent, GeminiPart } from "./wire-types.js";

export interface ConvertedMessages {
  systemInstruction?: { parts: GeminiPart[] };
  contents: GeminiContent[];
}

/**
 * OpenAI messages as Gemini's systemInstruction + contents. System and developer messages become the one
 * systemInstruction, wherever they stand; consecutive tool results share one user content, as Gemini
 * expects the answers to a turn's calls together. A message's `name` has no Gemini equivalent and is ignored.
 */
export function convertMessages(messages: unknown): ConvertedMessages {
  if (!Array.isArray(messages) || messages.length === 0) throw invalidRequest("messages must be a non-empty array.", "invalid_messages", "messages");
  const system: GeminiPart[] = [];
  const contents: GeminiContent[] = [];
  const toolNames = new Map<string, string>();
  let toolResults: GeminiContent | null = null;
  for (const [i, message] of messages.entries()) {
    const param = `messages[${i}]`;
    if (!isObject(message)) throw invalidRequest(`${param} must be an object.`, "invalid_messages", param);
    if (message.role === "tool") {
      const part = functionResponsePart(message, param, toolNames);
      if (toolResults) toolResults.parts.push(part);
      else contents.push((toolResults = { role: "user", parts: [part] }));
      continue;
    }
    toolResults = null;
    if (message.role === "system" || message.role === "developer") system.push(...textParts(message.content, `${param}.content`));
    else if (message.role === "user") contents.push({ role: "user", parts: userParts(message.content, `${param}.content`) });
    else if (message.role === "assistant") {
      const content = assistantContent(message, param, toolNames);
      if (content) contents.push(content);
    } else throw invalidRequest(`${param}.role ${JSON.stringify(message.role)} is not supported by Gemini.`, "invalid_messages", `${param}.role`);
  }
  if (contents.length === 0) throw invalidRequest("messages need at least one user or assistant message: Gemini does not answer a system prompt alone.", "invalid_messages", "messages");
  return system.length > 0 ? { systemInstruction: { parts: system }, contents } : { contents };
}
