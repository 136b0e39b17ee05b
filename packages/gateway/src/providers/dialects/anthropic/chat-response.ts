import type { Usage } from "../../usage.js";
import type { OpenAIChatCompletion, OpenAIToolCall, StreamIdentity } from "../dialect.js";
import { completion, toolArguments } from "../shared/openai-shapes.js";
import { mapStopReason } from "./map-stop-reason.js";
import { readAnthropicUsage } from "./read-usage.js";
import { JSON_ANSWER_TOOL } from "./response-format.js";

type Block = Record<string, unknown>;

/**
 * An Anthropic message as an OpenAI chat completion. Text blocks are joined as the stream
 * would join them; thinking becomes reasoning_content (redacted thinking is unreadable and
 * signatures have no OpenAI field); tool_use blocks become tool calls. Server tools
 * (web search/fetch) ran at Anthropic and their results already inform the text, so their
 * blocks are skipped, as are block types added later. The forced json_object answer tool's
 * input is the answer itself and comes back as content.
 */
export function anthropicChatResponse(json: unknown, ident: StreamIdentity): { body: OpenAIChatCompletion; usage: Usage | null } {
  const message = (json && typeof json === "object" ? json : {}) as Record<string, unknown>;
  const blocks = Array.isArray(message.content) ? (message.content as unknown[]) : [];
  let text: string | null = null;
  let reasoning = "";
  let answeredByTool = false;
  const toolCalls: OpenAIToolCall[] = [];
  for (const raw of blocks) {
    if (!raw || typeof raw !== "object") continue;
    const block = raw as Block;
    if (block.type === "text" && typeof block.text === "string") text = (text ?? "") + block.text;
    else if (block.type === "thinking" && typeof block.thinking === "string") reasoning += block.thinking;
    else if (block.type === "tool_use" && block.name === JSON_ANSWER_TOOL) {
      text = (text ?? "") + toolArguments(block.input);
      answeredByTool = true;
    } else if (block.type === "tool_use" && typeof block.id === "string" && typeof block.name === "string") {
      toolCalls.push({ id: block.id, type: "function", function: { name: block.name, arguments: toolArguments(block.input) } });
    }
  }
  const usage = readAnthropicUsage(message.usage);
  let finishReason = mapStopReason(message.stop_reason);
  if (finishReason === "tool_calls" && answeredByTool && toolCalls.length === 0) finishReason = "stop";
  const named: StreamIdentity = {
    id: typeof message.id === "string" ? message.id : ident.id,
    created: ident.created,
    model: typeof message.model === "string" && message.model !== "" ? message.model : ident.model,
  };
  const body = completion(named, { content: text, reasoning, toolCalls, finishReason, usage });
  return { body, usage };
}
