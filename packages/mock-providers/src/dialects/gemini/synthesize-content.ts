import { answerDeltas, firstLimit, planDemoAnswer } from "../../demo-answer.js";
import { contentText, estimateTokens } from "../../estimate-tokens.js";
import { randomAlphanumeric } from "../../random-id.js";

export interface GenerateContentRequest {
  contents: readonly unknown[];
  systemInstruction?: unknown;
  generationConfig?: unknown;
}

export type FinishReason = "STOP" | "MAX_TOKENS";

export interface UsageMetadata {
  promptTokenCount: number;
  candidatesTokenCount?: number;
  totalTokenCount: number;
  promptTokensDetails: Array<{ modality: "TEXT"; tokenCount: number }>;
}

export interface GenerateContentResponse {
  candidates: Array<{
    content: { parts: Array<{ text: string }>; role: "model" };
    finishReason?: FinishReason;
    index: number;
  }>;
  usageMetadata: UsageMetadata;
  modelVersion: string;
  responseId: string;
}

export function newResponseId(): string {
  return randomAlphanumeric(23);
}

/** Gemini `contents` as role/content messages, so the shared demo answer can read them. */
export function contentsAsMessages(contents: readonly unknown[]): Array<{ role: string; content: unknown }> {
  return contents.map((item) => {
    const { role, parts } = (typeof item === "object" && item !== null ? item : {}) as { role?: unknown; parts?: unknown };
    // A single-turn request may leave the role out; Gemini reads that as the user.
    return { role: role === "model" ? "assistant" : "user", content: parts };
  });
}

export function synthesizeContent(request: GenerateContentRequest, model: string, id = newResponseId()): GenerateContentResponse {
  const plan = planContent(request);
  return chunk(plan, plan.pieces.join(""), model, id, true);
}

/**
 * The chunks `streamGenerateContent` sends for the same answer: text a few words at
 * a time, `usageMetadata` on every chunk with the prompt count only, and the finish
 * reason and candidate count on the last.
 */
export function synthesizeContentStream(request: GenerateContentRequest, model: string, id = newResponseId()): GenerateContentResponse[] {
  const plan = planContent(request);
  const deltas = answerDeltas(plan);
  if (deltas.length === 0) deltas.push("");
  return deltas.map((text, i) => chunk(plan, text, model, id, i === deltas.length - 1));
}

interface ContentPlan {
  pieces: string[];
  finishReason: FinishReason;
  promptTokens: number;
  completionTokens: number;
}

function planContent(request: GenerateContentRequest): ContentPlan {
  const config = (typeof request.generationConfig === "object" && request.generationConfig !== null ? request.generationConfig : {}) as {
    maxOutputTokens?: unknown;
  };
  const answer = planDemoAnswer(contentsAsMessages(request.contents), firstLimit(config.maxOutputTokens));
  const system = (request.systemInstruction as { parts?: unknown } | undefined)?.parts;
  return {
    pieces: answer.pieces,
    finishReason: answer.truncated ? "MAX_TOKENS" : "STOP",
    promptTokens: answer.promptTokens + estimateTokens(contentText(system)),
    completionTokens: answer.completionTokens,
  };
}

function chunk(plan: ContentPlan, text: string, model: string, id: string, last: boolean): GenerateContentResponse {
  const usageMetadata: UsageMetadata = {
    promptTokenCount: plan.promptTokens,
    ...(last ? { candidatesTokenCount: plan.completionTokens } : {}),
    totalTokenCount: plan.promptTokens + (last ? plan.completionTokens : 0),
    promptTokensDetails: [{ modality: "TEXT", tokenCount: plan.promptTokens }],
  };
  return {
    candidates: [{ content: { parts: [{ text }], role: "model" }, ...(last ? { finishReason: plan.finishReason } : {}), index: 0 }],
    usageMetadata,
    modelVersion: model,
    responseId: id,
  };
}
