import { answerDeltas, demoAnswerText, firstLimit, planDemoAnswer } from "./demo-answer.js";
import { randomAlphanumeric } from "./random-id.js";

export { demoAnswerText, randomAlphanumeric };

/** The chat request fields the synthesizer reads; anything else is ignored. */
export interface ChatRequest {
  model: string;
  messages: readonly unknown[];
  max_tokens?: unknown;
  max_completion_tokens?: unknown;
  stream_options?: unknown;
}

/** Fixed per response; injectable so tests can assert exact output. */
export interface ResponseIdentity {
  id: string;
  created: number;
}

export interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number; audio_tokens: number };
  completion_tokens_details: {
    reasoning_tokens: number;
    audio_tokens: number;
    accepted_prediction_tokens: number;
    rejected_prediction_tokens: number;
  };
}

export type FinishReason = "stop" | "length";

export interface ChatCompletion {
  id: string;
  object: "chat.completion";
  created: number;
  model: string;
  choices: Array<{
    index: number;
    message: { role: "assistant"; content: string; refusal: null; annotations: [] };
    logprobs: null;
    finish_reason: FinishReason;
  }>;
  usage: ChatUsage;
  service_tier: "default";
  system_fingerprint: string;
}

export interface ChatCompletionChunk {
  id: string;
  object: "chat.completion.chunk";
  created: number;
  model: string;
  service_tier: "default";
  system_fingerprint: string;
  choices: Array<{
    index: number;
    delta: { role?: "assistant"; content?: string; refusal?: null };
    logprobs: null;
    finish_reason: FinishReason | null;
  }>;
  usage?: ChatUsage | null;
}

export const SYSTEM_FINGERPRINT = "fp_igrisdemo01";

export function newResponseIdentity(): ResponseIdentity {
  return { id: `chatcmpl-${randomAlphanumeric(29)}`, created: Math.floor(Date.now() / 1000) };
}

export function synthesizeChatCompletion(
  request: ChatRequest,
  identity: ResponseIdentity = newResponseIdentity(),
): ChatCompletion {
  const answer = planAnswer(request);
  return {
    id: identity.id,
    object: "chat.completion",
    created: identity.created,
    model: request.model,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: answer.pieces.join(""), refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: answer.finishReason,
      },
    ],
    usage: answer.usage,
    service_tier: "default",
    system_fingerprint: SYSTEM_FINGERPRINT,
  };
}

/**
 * The chunks OpenAI would stream for the same answer: a role chunk with empty
 * content, content deltas, a `delta: {}` chunk carrying the finish reason, and a
 * `choices: []` usage chunk only when `stream_options.include_usage` asked for it.
 * The `[DONE]` sentinel is framing, added by the server.
 */
export function synthesizeChatStream(
  request: ChatRequest,
  identity: ResponseIdentity = newResponseIdentity(),
): ChatCompletionChunk[] {
  const answer = planAnswer(request);
  const withUsage = wantsStreamUsage(request);
  const chunk = (
    delta: ChatCompletionChunk["choices"][number]["delta"],
    finishReason: FinishReason | null,
  ): ChatCompletionChunk => {
    const c: ChatCompletionChunk = {
      id: identity.id,
      object: "chat.completion.chunk",
      created: identity.created,
      model: request.model,
      service_tier: "default",
      system_fingerprint: SYSTEM_FINGERPRINT,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    };
    // OpenAI sends `usage: null` on every chunk only when usage was requested.
    if (withUsage) c.usage = null;
    return c;
  };

  const chunks = [chunk({ role: "assistant", content: "", refusal: null }, null)];
  for (const content of answerDeltas(answer)) chunks.push(chunk({ content }, null));
  chunks.push(chunk({}, answer.finishReason));
  if (withUsage) chunks.push({ ...chunk({}, null), choices: [], usage: answer.usage });
  return chunks;
}

export function wantsStreamUsage(request: { stream_options?: unknown }): boolean {
  const options = request.stream_options;
  return typeof options === "object" && options !== null && (options as { include_usage?: unknown }).include_usage === true;
}

interface AnswerPlan {
  /** Words with their leading whitespace; joined they are the content. */
  pieces: string[];
  finishReason: FinishReason;
  usage: ChatUsage;
}

function planAnswer(request: ChatRequest): AnswerPlan {
  const answer = planDemoAnswer(request.messages, firstLimit(request.max_completion_tokens, request.max_tokens));
  return {
    pieces: answer.pieces,
    finishReason: answer.truncated ? "length" : "stop",
    usage: usageOf(answer.promptTokens, answer.completionTokens),
  };
}

function usageOf(promptTokens: number, completionTokens: number): ChatUsage {
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}
