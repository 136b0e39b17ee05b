import { parseDataUrl } from "../shared/data-url.js";
import { type JsonRecord, asRecord, asString } from "./payload-fields.js";
import { unsupportedField, unsupportedValue } from "./request-errors.js";

type TextPart = { type: "text"; text: string };

/**
 * OpenAI chat messages as Cohere v2 messages. The shapes are close: system (and OpenAI's
 * "developer"), user, assistant with tool_calls, and tool results by tool_call_id. User
 * messages may carry image_url parts (https or base64 data URLs, which Cohere takes as they
 * are). On an assistant turn that calls tools, its text is Cohere's `tool_plan` (and, when a
 * client sends our own answer back, its reasoning_content is that plan). Message `name`s have
 * no Cohere equivalent and change nothing in the answer, so they are left out.
 */
export function convertMessages(messages: unknown[]): JsonRecord[] {
  if (messages.length === 0) throw unsupportedValue("messages", "at least one message is required.");
  return messages.map((message, i) => convertMessage(message, `messages[${i}]`));
}

function convertMessage(value: unknown, path: string): JsonRecord {
  const message = asRecord(value);
  if (!message) throw unsupportedValue(path, "expected a message object.");
  switch (message.role) {
    case "system":
    case "developer":
      return { role: "system", content: textContent(message.content, path) };
    case "user":
      return { role: "user", content: userContent(message.content, path) };
    case "assistant":
      return assistantMessage(message, path);
    case "tool":
      return { role: "tool", tool_call_id: requiredString(message.tool_call_id, `${path}.tool_call_id`), content: textContent(message.content, path) };
    default:
      throw unsupportedValue(`${path}.role`, `role ${JSON.stringify(message.role)} has no Cohere equivalent.`);
  }
}

/** A string stays a string; a list of text parts becomes Cohere text parts. */
function textContent(content: unknown, path: string): string | TextPart[] {
  if (content === null || content === undefined) return "";
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) throw unsupportedValue(`${path}.content`, "expected a string or a list of content parts.");
  return content.map((part, j) => textPart(part, `${path}.content[${j}]`));
}

function textPart(value: unknown, path: string): TextPart {
  const part = asRecord(value);
  if (part?.type === "text" && typeof part.text === "string") return { type: "text", text: part.text };
  // An assistant's refusal is what it said; Cohere has no separate kind for it.
  if (part?.type === "refusal" && typeof part.refusal === "string") return { type: "text", text: part.refusal };
  throw unsupportedField(`${path}.type`, `content parts of type ${JSON.stringify(part?.type)} cannot be sent here.`);
}

function userContent(content: unknown, path: string): string | JsonRecord[] {
  if (!Array.isArray(content)) return textContent(content, path);
  return content.map((value, j) => {
    const part = asRecord(value);
    return part?.type === "image_url" ? imagePart(part, `${path}.content[${j}]`) : textPart(value, `${path}.content[${j}]`);
  });
}

function imagePart(part: JsonRecord, path: string): JsonRecord {
  const image = asRecord(part.image_url);
  const url = asString(image?.url) ?? "";
  const isWebUrl = /^https?:\/\//i.test(url);
  if (!isWebUrl && !parseDataUrl(url)) throw unsupportedValue(`${path}.image_url.url`, "expected an http(s) URL or a base64 data URL.");
  const detail = asString(image?.detail);
  return { type: "image_url", image_url: detail ? { url, detail } : { url } };
}

function assistantMessage(message: JsonRecord, path: string): JsonRecord {
  if (message.function_call != null) throw unsupportedField(`${path}.function_call`, "use tool_calls.");
  const text = plainText(textContent(message.content, path));
  const toolCalls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
  if (toolCalls.length === 0) return { role: "assistant", content: text };
  const out: JsonRecord = { role: "assistant", tool_calls: toolCalls.map((call, k) => toolCall(call, `${path}.tool_calls[${k}]`)) };
  const plan = text || asString(message.reasoning_content);
  if (plan) out.tool_plan = plan;
  return out;
}

function toolCall(value: unknown, path: string): JsonRecord {
  const call = asRecord(value);
  const fn = asRecord(call?.function);
  if (!call || call.type !== "function" || !fn) throw unsupportedValue(path, "expected a function tool call.");
  const args = fn.arguments;
  return {
    id: requiredString(call.id, `${path}.id`),
    type: "function",
    function: { name: requiredString(fn.name, `${path}.function.name`), arguments: typeof args === "string" ? args : JSON.stringify(args ?? {}) },
  };
}

function plainText(content: string | TextPart[]): string {
  return typeof content === "string" ? content : content.map((part) => part.text).join("");
}

function requiredString(value: unknown, path: string): string {
  if (typeof value === "string" && value !== "") return value;
  throw unsupportedValue(path, "expected a non-empty string.");
}
