import { GatewayError } from "../../../lib/errors.js";
import type { Usage } from "../../usage.js";
import type { OpenAIChatCompletion, OpenAIToolCall, StreamIdentity } from "../dialect.js";
import { completion, makeToolCallId } from "../shared/openai-shapes.js";
import { failureMessage, mapFinishReason } from "./map-finish-reason.js";
import { asRecord, asString } from "./payload-fields.js";
import { readCohereUsage } from "./read-usage.js";
import { cohereToolArguments } from "./tool-arguments.js";

/**
 * A Cohere v2 chat answer as an OpenAI chat completion. `text` items are the content and
 * `thinking` items the reasoning. `tool_plan` ("I will use the weather tool to …") is the
 * model's plan before it calls tools: reasoning, not answer, so it goes to reasoning_content
 * too and the content of a tool-calling message stays null as OpenAI clients expect.
 * Citations have no OpenAI field and are left out; unknown item types are ignored.
 * A generation that ended in ERROR or TIMEOUT throws a 502 / 504 GatewayError.
 */
export function translateChatResponse(json: unknown, ident: StreamIdentity): { body: OpenAIChatCompletion; usage: Usage | null } {
  const answer = asRecord(json) ?? {};
  const message = asRecord(answer.message) ?? {};
  const { text, thinking } = readContent(message.content);
  const toolCalls = readToolCalls(message.tool_calls);
  const usage = readCohereUsage(answer.usage);
  const outcome = mapFinishReason(answer.finish_reason, toolCalls.length > 0);
  if (outcome.kind === "failed") {
    const [status, code] = outcome.reason === "TIMEOUT" ? [504, "upstream_timeout"] : [502, "upstream_generation_error"];
    throw new GatewayError(status, "api_error", failureMessage(outcome.reason, answer.error), code);
  }
  const reasoning = joinReasoning(thinking, asString(message.tool_plan) ?? "");
  const id = asString(answer.id) ?? ident.id;
  const body = completion(
    { ...ident, id },
    { content: text, reasoning: reasoning || null, toolCalls, finishReason: outcome.reason, usage },
  );
  return { body, usage };
}

/** Thinking, then the tool plan, kept apart by a blank line when both are present. */
export function joinReasoning(thinking: string, toolPlan: string): string {
  return thinking && toolPlan ? `${thinking}\n\n${toolPlan}` : thinking || toolPlan;
}

function readContent(content: unknown): { text: string | null; thinking: string } {
  if (typeof content === "string") return { text: content, thinking: "" };
  let text: string | null = null;
  let thinking = "";
  for (const item of Array.isArray(content) ? content : []) {
    const part = asRecord(item);
    if (part?.type === "text" && typeof part.text === "string") text = (text ?? "") + part.text;
    else if (part?.type === "thinking" && typeof part.thinking === "string") thinking += part.thinking;
  }
  return { text, thinking };
}

function readToolCalls(value: unknown): OpenAIToolCall[] {
  const calls: OpenAIToolCall[] = [];
  for (const item of Array.isArray(value) ? value : []) {
    const call = asRecord(item);
    const fn = asRecord(call?.function);
    if (!call || !fn) continue;
    calls.push({
      id: asString(call.id) || makeToolCallId(),
      type: "function",
      function: { name: asString(fn.name) ?? "", arguments: cohereToolArguments(fn.arguments) },
    });
  }
  return calls;
}
