import { answerDeltas, firstLimit, planDemoAnswer } from "../../demo-answer.js";
import { contentText, estimateTokens } from "../../estimate-tokens.js";

export interface ConverseRequest {
  messages: readonly unknown[];
  system?: unknown;
  inferenceConfig?: unknown;
}

export type StopReason = "end_turn" | "max_tokens";

export interface ConverseUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
}

export interface ConverseResponse {
  output: { message: { role: "assistant"; content: Array<{ text: string }> } };
  stopReason: StopReason;
  usage: ConverseUsage;
  metrics: { latencyMs: number };
}

/** One converse-stream event: its `:event-type` and payload. */
export interface ConverseStreamEvent {
  eventType: string;
  payload: Record<string, unknown>;
}

/** Bedrock reports its own latency; a fixed small number keeps answers deterministic. */
const LATENCY_MS = 42;
const PADDING = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

export function synthesizeConverse(request: ConverseRequest): ConverseResponse {
  const plan = planConverse(request);
  return {
    output: { message: { role: "assistant", content: [{ text: plan.pieces.join("") }] } },
    stopReason: plan.stopReason,
    usage: plan.usage,
    metrics: { latencyMs: LATENCY_MS },
  };
}

/**
 * Bedrock's converse-stream sequence: messageStart, text deltas, contentBlockStop,
 * messageStop, then metadata with usage. Every payload carries the `p` padding field
 * Bedrock adds to hide message sizes, so clients are tested for ignoring it.
 */
export function synthesizeConverseStream(request: ConverseRequest): ConverseStreamEvent[] {
  const plan = planConverse(request);
  const events: ConverseStreamEvent[] = [{ eventType: "messageStart", payload: { role: "assistant" } }];
  for (const text of answerDeltas(plan)) {
    events.push({ eventType: "contentBlockDelta", payload: { contentBlockIndex: 0, delta: { text } } });
  }
  events.push(
    { eventType: "contentBlockStop", payload: { contentBlockIndex: 0 } },
    { eventType: "messageStop", payload: { stopReason: plan.stopReason } },
    { eventType: "metadata", payload: { usage: plan.usage, metrics: { latencyMs: LATENCY_MS } } },
  );
  return events.map((event, i) => ({ ...event, payload: { ...event.payload, p: PADDING.slice(0, 8 + ((i * 7) % 40)) } }));
}

interface ConversePlan {
  pieces: string[];
  stopReason: StopReason;
  usage: ConverseUsage;
}

function planConverse(request: ConverseRequest): ConversePlan {
  const config = (typeof request.inferenceConfig === "object" && request.inferenceConfig !== null ? request.inferenceConfig : {}) as {
    maxTokens?: unknown;
  };
  const answer = planDemoAnswer(request.messages, firstLimit(config.maxTokens));
  const inputTokens = answer.promptTokens + estimateTokens(contentText(request.system));
  return {
    pieces: answer.pieces,
    stopReason: answer.truncated ? "max_tokens" : "end_turn",
    usage: { inputTokens, outputTokens: answer.completionTokens, totalTokens: inputTokens + answer.completionTokens },
  };
}
