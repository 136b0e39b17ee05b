import { contentText, estimatePromptTokens, estimateTokens } from "./estimate-tokens.js";

const ECHO_LIMIT = 60;
/** Real providers stream roughly a token per event; a few words per event keeps load tests cheap. */
export const WORDS_PER_CHUNK = 3;

/** The deterministic reply the demo provider gives, in every dialect: who it is, and what it was asked. */
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

export interface DemoAnswer {
  /** Words with their leading whitespace; joined they are the answer. */
  pieces: string[];
  /** True when the completion limit cut the answer short. */
  truncated: boolean;
  promptTokens: number;
  completionTokens: number;
}

/**
 * The demo answer to `messages` (OpenAI-shaped: `{role, content}` with a string or
 * parts that carry `text`), cut at `limit` completion tokens when one is given.
 */
export function planDemoAnswer(messages: readonly unknown[], limit?: number): DemoAnswer {
  const allPieces = demoAnswerText(messages).match(/\s*\S+/g) ?? [];
  const pieces: string[] = [];
  let spent = 0;
  let truncated = false;
  for (const piece of allPieces) {
    const cost = estimateTokens(piece);
    if (limit !== undefined && spent + cost > limit) {
      truncated = true;
      break;
    }
    pieces.push(piece);
    spent += cost;
  }
  // A cut-off answer used its whole budget, as a real model's would.
  const completionTokens = truncated && limit !== undefined ? limit : spent;
  return { pieces, truncated, promptTokens: estimatePromptTokens(messages), completionTokens };
}

/** The answer's pieces grouped into stream deltas of a few words each. */
export function answerDeltas(answer: { pieces: readonly string[] }): string[] {
  const deltas: string[] = [];
  for (let i = 0; i < answer.pieces.length; i += WORDS_PER_CHUNK) {
    deltas.push(answer.pieces.slice(i, i + WORDS_PER_CHUNK).join(""));
  }
  return deltas;
}

/** The first non-negative integer among `values`: providers name their output limit differently. */
export function firstLimit(...values: unknown[]): number | undefined {
  for (const value of values) {
    if (typeof value === "number" && Number.isInteger(value) && value >= 0) return value;
  }
  return undefined;
}
