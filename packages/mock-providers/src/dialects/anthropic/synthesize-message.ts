import { answerDeltas, firstLimit, planDemoAnswer } from "../../demo-answer.js";
import { contentText, estimateTokens } from "../../estimate-tokens.js";
import { randomAlphanumeric } from "../../random-id.js";

export interface MessagesRequest {
  model: string;
  messages: readonly unknown[];
  max_tokens?: unknown;
  system?: unknown;
}

export type StopReason = "end_turn" | "max_tokens";

export interface MessageUsage {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  output_tokens: number;
}

export interface AnthropicMessage {
  id: string;
  type: "message";
  role: "assistant";
  model: string;
  content: Array<{ type: "text"; text: string }>;
  stop_reason: StopReason;
  stop_sequence: null;
  usage: MessageUsage & {
    cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
    service_tier: "standard";
  };
}

/** One streamed event; `type` is also its SSE event name. */
export type MessageStreamEvent = { type: string } & Record<string, unknown>;

export function newMessageId(): string {
  return `msg_01${randomAlphanumeric(22)}`;
}

export function synthesizeMessage(request: MessagesRequest, id = newMessageId()): AnthropicMessage {
  return messageOf(request, planMessage(request), id);
}

function messageOf(request: MessagesRequest, plan: MessagePlan, id: string): AnthropicMessage {
  return {
    id,
    type: "message",
    role: "assistant",
    model: request.model,
    content: [{ type: "text", text: plan.text }],
    stop_reason: plan.stopReason,
    stop_sequence: null,
    usage: {
      ...plan.usage,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
      service_tier: "standard",
    },
  };
}

/**
 * Anthropic's event sequence for the same answer: message_start (output_tokens 1),
 * a text block with a ping after its start, message_delta with the stop reason and
 * the running usage total, message_stop.
 */
export function synthesizeMessageStream(request: MessagesRequest, id = newMessageId()): MessageStreamEvent[] {
  const plan = planMessage(request);
  const message = messageOf(request, plan, id);
  const { usage } = message;
  const events: MessageStreamEvent[] = [
    {
      type: "message_start",
      message: { ...message, content: [], stop_reason: null, usage: { ...usage, output_tokens: 1 } },
    },
    { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
    { type: "ping" },
  ];
  for (const text of answerDeltas(plan)) {
    events.push({ type: "content_block_delta", index: 0, delta: { type: "text_delta", text } });
  }
  events.push(
    { type: "content_block_stop", index: 0 },
    {
      type: "message_delta",
      delta: { stop_reason: message.stop_reason, stop_sequence: null },
      usage: {
        input_tokens: usage.input_tokens,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        output_tokens: usage.output_tokens,
      },
    },
    { type: "message_stop" },
  );
  return events;
}

interface MessagePlan {
  pieces: string[];
  text: string;
  stopReason: StopReason;
  usage: MessageUsage;
}

function planMessage(request: MessagesRequest): MessagePlan {
  const answer = planDemoAnswer(request.messages, firstLimit(request.max_tokens));
  const usage: MessageUsage = {
    input_tokens: answer.promptTokens + estimateTokens(contentText(request.system)),
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    output_tokens: answer.completionTokens,
  };
  const stopReason: StopReason = answer.truncated ? "max_tokens" : "end_turn";
  return { pieces: answer.pieces, text: answer.pieces.join(""), stopReason, usage };
}
