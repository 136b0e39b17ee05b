import { contentText, estimatePromptTokens, estimateTokens } from "./estimate-tokens.js";

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
const ECHO_LIMIT = 60;
/** Real OpenAI streams roughly a token per event; a few words per event keeps load tests cheap. */
const WORDS_PER_CHUNK = 3;

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
  for (let i = 0; i < answer.pieces.length; i += WORDS_PER_CHUNK) {
    chunks.push(chunk({ content: answer.pieces.slice(i, i + WORDS_PER_CHUNK).join("") }, null));
  }
  chunks.push(chunk({}, answer.finishReason));
  if (withUsage) chunks.push({ ...chunk({}, null), choices: [], usage: answer.usage });
  return chunks;
}

export function wantsStreamUsage(request: { stream_options?: unknown }): boolean {
  const options = request.stream_options;
  return typeof options === "object" && options !== null && (options as { include_usage?: unknown }).include_usage === true;
}

/** The deterministic reply the demo provider gives: who it is, and what it was asked. */
export function demoAnswerText(messages: readonly unknown[]): string {
  const lastUser = [...messages].reverse().find(
    (m) => typeof m === "object" && m !== null && (m as { role?: unknown }).role === "user",
  ) as { content?: unknown } | undefined;
  const asked = lastUser ? contentText(lastUser.content).replace(/\s+/g, " ").trim() : "";
  if (asked === "") {
    return "This is the Igris demo provider, so no model was called. The request had no user message to echo.";
  }
  const echo = asked.length > ECHO_LIMIT ? `${asked.slice(0, ECHO_LIMIT)}…` : asked;
  return (
    `This is the Igris demo provider, so no model was called. You asked: "${echo}". ` +
    "Configure a real provider on this virtual key to get a real answer."
  );
}

interface AnswerPlan {
  /** Words with their leading whitespace; joined they are the content. */
  pieces: string[];
  finishReason: FinishReason;
  usage: ChatUsage;
}

function planAnswer(request: ChatRequest): AnswerPlan {
  const allPieces = demoAnswerText(request.messages).match(/\s*\S+/g) ?? [];
  const limit = completionLimit(request);
  const pieces: string[] = [];
  let spent = 0;
  let finishReason: FinishReason = "stop";
  for (const piece of allPieces) {
    const cost = estimateTokens(piece);
    if (limit !== undefined && spent + cost > limit) {
      finishReason = "length";
      break;
    }
    pieces.push(piece);
    spent += cost;
  }
  // A cut-off answer used its whole budget, as a real model's would.
  const completionTokens = finishReason === "length" && limit !== undefined ? limit : spent;
  const promptTokens = estimatePromptTokens(request.messages);
  return { pieces, finishReason, usage: usageOf(promptTokens, completionTokens) };
}

function completionLimit(request: ChatRequest): number | undefined {
  for (const value of [request.max_completion_tokens, request.max_tokens]) {
    if (typeof value === "number" && Number.isInteger(value) && value >= 0) return value;
  }
  return undefined;
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

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Ids only need to look real and not collide in a test run, so Math.random is enough. */
export function randomAlphanumeric(length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHANUMERIC[Math.floor(Math.random() * ALPHANUMERIC.length)];
  return out;
}
