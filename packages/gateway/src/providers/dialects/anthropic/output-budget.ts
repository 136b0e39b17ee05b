import { invalidRequest } from "../../../lib/errors.js";
import type { ThinkingConfig } from "./wire-types.js";

/**
 * Anthropic requires `max_tokens`; OpenAI clients often send none. 4096 is what every
 * Claude model can produce, so the default never fails on an older model.
 */
export const DEFAULT_MAX_TOKENS = 4096;

/** Anthropic's smallest accepted thinking budget. */
export const MIN_THINKING_BUDGET = 1024;

/**
 * reasoning_effort → thinking budget_tokens. Roughly doubling per step from Anthropic's
 * minimum; "none" turns thinking off, as it does for OpenAI's reasoning models.
 */
export const THINKING_BUDGETS: Readonly<Record<string, number>> = { minimal: 1024, low: 2048, medium: 8192, high: 16384, xhigh: 32768 };

export interface OutputBudget {
  maxTokens: number;
  thinking?: ThinkingConfig;
}

/**
 * `max_tokens` and `thinking` together, since the budget must stay below max_tokens. Like
 * OpenAI's max_completion_tokens, Anthropic's max_tokens includes thinking, so a client's
 * limit is kept and the budget shrinks to leave up to 1024 tokens for the answer; without
 * a client limit the answer keeps the default room on top of the budget.
 */
export function outputBudget(body: Record<string, unknown>): OutputBudget {
  const field = body.max_completion_tokens != null ? "max_completion_tokens" : "max_tokens";
  const requested = body[field];
  if (requested != null && (typeof requested !== "number" || !Number.isInteger(requested) || requested < 1)) {
    throw invalidRequest(`${field} must be a positive integer.`, null, field);
  }
  const effort = body.reasoning_effort;
  if (effort == null || effort === "none") return { maxTokens: (requested as number | null | undefined) ?? DEFAULT_MAX_TOKENS };
  const budget = typeof effort === "string" ? THINKING_BUDGETS[effort] : undefined;
  if (budget === undefined) {
    throw invalidRequest(`reasoning_effort must be one of none, ${Object.keys(THINKING_BUDGETS).join(", ")}.`, null, "reasoning_effort");
  }
  if (requested == null) return { maxTokens: budget + DEFAULT_MAX_TOKENS, thinking: { type: "enabled", budget_tokens: budget } };
  const limit = requested as number;
  if (limit <= MIN_THINKING_BUDGET) {
    throw invalidRequest(`reasoning_effort needs ${field} above ${MIN_THINKING_BUDGET} on Anthropic (its smallest thinking budget).`, null, "reasoning_effort");
  }
  const fitted = Math.min(budget, Math.max(MIN_THINKING_BUDGET, limit - MIN_THINKING_BUDGET));
  return { maxTokens: limit, thinking: { type: "enabled", budget_tokens: fitted } };
}
