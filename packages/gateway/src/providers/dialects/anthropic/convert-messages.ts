import { invalidRequest } from "../../../lib/errors.js";
import { textBlocks, userBlocks } from "./convert-content.js";
import type { AnthropicMessage, ContentBlock, TextBlock, ToolResultBlock, ToolUseBlock } from "./wire-types.js";

type Message = Record<string, unknown>;

export interface ConvertedMessages {
  /** System and developer messages, in order (Anthropic has only a top-level system prompt). */
  system: TextBlock[];
  messages: AnthropicMessage[];
}

/**
 * OpenAI messages → Anthropic's system prompt and user/assistant turns. Tool results
 * (`role: "tool"`) become `tool_result` blocks of a user turn, and consecutive turns of one
 * role are joined, so a run of tool results is one user message, as Anthropic asks.
 * An assistant's `reasoning_content` is not sent back: Anthropic only accepts thinking
 * with its signature, which OpenAI's message shape cannot carry (it may be omitted).
 * A message's `name` has no Anthropic equivalent and is ignored.
 */
export function convertMessages(input: unknown): ConvertedMessages {
  if (!Array.isArray(input) || input.length === 0) throw invalidRequest("messages must be a non-empty array.", null, "messages");
  const out: ConvertedMessages = { system: [], messages: [] };
  input.forEach((message, i) => {
    const param = `messages[${i}]`;
    if (typeof message !== "object" || message === null) throw invalidRequest(`${param} must be an object.`, null, param);
    const m = message as Message;
    switch (m.role) {
      case "system":
      case "developer":
        out.system.push(...textBlocks(m.content, `${param}.content`));
        return;
      case "user":
        return append(out.messages, "user", userBlocks(m.content, `${param}.content`));
      case "assistant":
        return append(out.messages, "assistant", assistantBlocks(m, param));
      case "tool":
        return append(out.messages, "user", [toolResult(m, param)]);
      default:
        throw invalidRequest(`${param}.role "${String(m.role)}" cannot be sent to Anthropic.`, null, `${param}.role`);
    }
  });
  return out;
}

function append(messages: AnthropicMessage[], role: AnthropicMessage["role"], blocks: ContentBlock[]): void {
  if (blocks.length === 0) return;
  const last = messages.at(-1);
  if (last?.role === role) last.content.push(...blocks);
  else messages.push({ role, content: blocks });
}

function assistantBlocks(m: Message, param: string): ContentBlock[] {
  if (m.function_call != null) throw invalidRequest(`${param}.function_call is not supported; use tool_calls.`, null, `${param}.function_call`);
  const blocks: ContentBlock[] = textBlocks(m.content, `${param}.content`);
  if (m.tool_calls == null) return blocks;
  if (!Array.isArray(m.tool_calls)) throw invalidRequest(`${param}.tool_calls must be an array.`, null, `${param}.tool_calls`);
  m.tool_calls.forEach((call, j) => blocks.push(toolUse(call, `${param}.tool_calls[${j}]`)));
  return blocks;
}

function toolUse(call: unknown, param: string): ToolUseBlock {
  const c = (call ?? {}) as Message;
  const fn = (c.function ?? {}) as Message;
  if (c.type !== undefined && c.type !== "function") throw invalidRequest(`${param}: only function tool calls can be sent to Anthropic.`, null, param);
  if (typeof c.id !== "string" || c.id === "") throw invalidRequest(`${param}.id is required.`, null, `${param}.id`);
  if (typeof fn.name !== "string" || fn.name === "") throw invalidRequest(`${param}.function.name is required.`, null, `${param}.function.name`);
  return { type: "tool_use", id: c.id, name: fn.name, input: parseArguments(fn.arguments, `${param}.function.arguments`) };
}

/** Anthropic wants the input as an object; empty arguments (trap 8) mean no arguments. */
function parseArguments(args: unknown, param: string): Record<string, unknown> {
  if (args === undefined || args === null || args === "") return {};
  let parsed: unknown = args;
  if (typeof args === "string") {
    try {
      parsed = JSON.parse(args);
    } catch {
      throw invalidRequest(`${param} is not valid JSON.`, null, param);
    }
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw invalidRequest(`${param} must be a JSON object.`, null, param);
  return parsed as Record<string, unknown>;
}

function toolResult(m: Message, param: string): ToolResultBlock {
  if (typeof m.tool_call_id !== "string" || m.tool_call_id === "") throw invalidRequest(`${param}.tool_call_id is required.`, null, `${param}.tool_call_id`);
  const content = typeof m.content === "string" ? m.content : textBlocks(m.content, `${param}.content`);
  return { type: "tool_result", tool_use_id: m.tool_call_id, content };
}
