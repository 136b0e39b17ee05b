import { invalidRequest } from "../../../lib/errors.js";
import { type ContentBlock, contentBlocks } from "./convert-content.js";
import { asArray, asObject, asString, type JsonObject } from "./json-values.js";

export interface ConverseMessage {
  role: "user" | "assistant";
  content: ContentBlock[];
}

export interface ConverseConversation {
  system: ContentBlock[];
  messages: ConverseMessage[];
  /** The history holds tool calls or results: Bedrock then insists on a toolConfig. */
  hasToolBlocks: boolean;
}

/**
 * OpenAI messages → Converse `system` + `messages`. System and developer messages, wherever
 * they stand, become the top-level system prompt in order. Tool results become toolResult
 * blocks in a user turn, and consecutive turns of one role are merged, because Converse
 * requires user and assistant turns to alternate.
 */
export function convertMessages(raw: unknown[]): ConverseConversation {
  const conversation: ConverseConversation = { system: [], messages: [], hasToolBlocks: false };
  raw.forEach((value, i) => {
    const where = `messages[${i}]`;
    const message = asObject(value);
    if (!message) throw invalidRequest(`${where} must be an object.`, "invalid_message", where);
    switch (message.role) {
      case "system":
      case "developer":
        conversation.system.push(...systemBlocks(message.content, `${where}.content`));
        break;
      case "user":
        append(conversation.messages, "user", required(contentBlocks(message.content, `${where}.content`), `${where}.content`));
        break;
      case "assistant": {
        const blocks = assistantBlocks(message, where);
        if (blocks.some((b) => b.toolUse)) conversation.hasToolBlocks = true;
        append(conversation.messages, "assistant", required(blocks, `${where}.content`));
        break;
      }
      case "tool":
        conversation.hasToolBlocks = true;
        append(conversation.messages, "user", [toolResultBlock(message, where)]);
        break;
      default:
        throw invalidRequest(`${where}.role "${String(message.role)}" cannot be sent to Amazon Bedrock.`, "unsupported_role", `${where}.role`);
    }
  });
  return conversation;
}

function append(messages: ConverseMessage[], role: ConverseMessage["role"], blocks: ContentBlock[]): void {
  const last = messages.at(-1);
  if (last?.role === role) last.content.push(...blocks);
  else messages.push({ role, content: blocks });
}

function required(blocks: ContentBlock[], where: string): ContentBlock[] {
  if (blocks.length === 0) throw invalidRequest(`${where} is empty; Amazon Bedrock refuses empty messages.`, "empty_message", where);
  return blocks;
}

function systemBlocks(content: unknown, where: string): ContentBlock[] {
  const blocks = contentBlocks(content, where);
  if (blocks.some((b) => b.text === undefined && b.cachePoint === undefined)) {
    throw invalidRequest(`${where}: a system message may hold only text for Amazon Bedrock.`, "unsupported_content", where);
  }
  return blocks;
}

function assistantBlocks(message: JsonObject, where: string): ContentBlock[] {
  const blocks = contentBlocks(message.content, `${where}.content`);
  asArray(message.tool_calls).forEach((raw, j) => {
    const call = asObject(raw);
    const fn = asObject(call?.function);
    const id = asString(call?.id);
    const name = asString(fn?.name);
    if (!id || !name) throw invalidRequest(`${where}.tool_calls[${j}] needs an id and a function name.`, "invalid_tool_call", `${where}.tool_calls[${j}]`);
    blocks.push({ toolUse: { toolUseId: id, name, input: toolInput(fn?.arguments, `${where}.tool_calls[${j}].function.arguments`) } });
  });
  return blocks;
}

/** OpenAI carries arguments as a JSON string; Converse wants the JSON value itself. */
function toolInput(args: unknown, where: string): unknown {
  if (args === undefined || args === null || args === "") return {};
  if (typeof args !== "string") return args;
  try {
    return JSON.parse(args);
  } catch {
    throw invalidRequest(`${where} is not valid JSON.`, "invalid_tool_arguments", where);
  }
}

/** Tool output goes back as text blocks: Converse's `json` block would reinterpret what the client sent. */
function toolResultBlock(message: JsonObject, where: string): ContentBlock {
  const toolUseId = asString(message.tool_call_id);
  if (!toolUseId) throw invalidRequest(`${where}.tool_call_id is required for a tool message.`, "invalid_tool_message", `${where}.tool_call_id`);
  const content = typeof message.content === "string" ? [{ text: message.content }] : contentBlocks(message.content, `${where}.content`);
  if (content.some((b) => b.text === undefined)) {
    throw invalidRequest(`${where}.content: a tool result may hold only text for Amazon Bedrock.`, "unsupported_content", `${where}.content`);
  }
  return { toolResult: { toolUseId, content } };
}
