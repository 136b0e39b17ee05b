import { randomUUID } from "node:crypto";
import { answerDeltas, firstLimit, planDemoAnswer } from "../../demo-answer.js";

export interface CohereChatRequest {
  messages: readonly unknown[];
  max_tokens?: unknown;
}

export type FinishReason = "COMPLETE" | "MAX_TOKENS";

export interface CohereUsage {
  billed_units: { input_tokens: number; output_tokens: number };
  tokens: { input_tokens: number; output_tokens: number };
}

export interface CohereChatResponse {
  id: string;
  message: { role: "assistant"; content: Array<{ type: "text"; text: string }> };
  finish_reason: FinishReason;
  usage: CohereUsage;
}

/** One v2 stream event; `type` is also its SSE event name. */
export type CohereStreamEvent = { type: string } & Record<string, unknown>;

export function synthesizeCohereChat(request: CohereChatRequest, id: string = randomUUID()): CohereChatResponse {
  const plan = planChat(request);
  return {
    id,
    message: { role: "assistant", content: [{ type: "text", text: plan.pieces.join("") }] },
    finish_reason: plan.finishReason,
    usage: plan.usage,
  };
}

/** Cohere's v2 sequence: message-start, content-start, content-delta…, content-end, message-end with usage. */
export function synthesizeCohereChatStream(request: CohereChatRequest, id: string = randomUUID()): CohereStreamEvent[] {
  const plan = planChat(request);
  const events: CohereStreamEvent[] = [
    {
      id,
      type: "message-start",
      delta: { message: { role: "assistant", content: [], tool_plan: "", tool_calls: [], citations: [] } },
    },
    { type: "content-start", index: 0, delta: { message: { content: { type: "text", text: "" } } } },
  ];
  for (const text of answerDeltas(plan)) {
    events.push({ type: "content-delta", index: 0, delta: { message: { content: { text } } } });
  }
  events.push(
    { type: "content-end", index: 0 },
    { type: "message-end", delta: { finish_reason: plan.finishReason, usage: plan.usage } },
  );
  return events;
}

interface ChatPlan {
  pieces: string[];
  finishReason: FinishReason;
  usage: CohereUsage;
}

function planChat(request: CohereChatRequest): ChatPlan {
  const answer = planDemoAnswer(request.messages, firstLimit(request.max_tokens));
  const counts = { input_tokens: answer.promptTokens, output_tokens: answer.completionTokens };
  return {
    pieces: answer.pieces,
    finishReason: answer.truncated ? "MAX_TOKENS" : "COMPLETE",
    usage: { billed_units: { ...counts }, tokens: { ...counts } },
  };
}
