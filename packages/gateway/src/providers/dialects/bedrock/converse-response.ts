import type { Usage } from "../../usage.js";
import type { OpenAIChatCompletion, OpenAIToolCall, StreamIdentity } from "../dialect.js";
import { completion, makeToolCallId, toolArguments } from "../shared/openai-shapes.js";
import { converseUsage } from "./converse-usage.js";
import { asArray, asObject, asString } from "./json-values.js";
import { mapStopReason } from "./map-stop-reason.js";

/**
 * A Converse answer → an OpenAI chat completion. Text blocks join into `content`, toolUse
 * blocks become tool calls, reasoningContent becomes `reasoning_content`; signatures,
 * redacted reasoning, guardrail traces and metrics have no OpenAI place and are dropped.
 */
export function converseResponse(json: unknown, ident: StreamIdentity): { body: OpenAIChatCompletion; usage: Usage | null } {
  const answer = asObject(json);
  const blocks = asArray(asObject(asObject(answer?.output)?.message)?.content);
  let text: string | null = null;
  let reasoning: string | null = null;
  const toolCalls: OpenAIToolCall[] = [];
  for (const raw of blocks) {
    const block = asObject(raw);
    if (!block) continue;
    const blockText = asString(block.text);
    if (blockText !== undefined) text = (text ?? "") + blockText;
    const thought = asString(asObject(asObject(block.reasoningContent)?.reasoningText)?.text);
    if (thought !== undefined) reasoning = (reasoning ?? "") + thought;
    const toolUse = asObject(block.toolUse);
    if (toolUse) {
      toolCalls.push({
        id: asString(toolUse.toolUseId) ?? makeToolCallId(),
        type: "function",
        function: { name: asString(toolUse.name) ?? "", arguments: toolArguments(toolUse.input) },
      });
    }
  }
  const usage = converseUsage(answer?.usage);
  const body = completion(ident, {
    // OpenAI answers tool-only turns with content null, and text turns (even empty ones) with a string.
    content: text ?? (toolCalls.length > 0 ? null : ""),
    reasoning,
    toolCalls,
    finishReason: mapStopReason(answer?.stopReason),
    usage,
  });
  return { body, usage };
}
