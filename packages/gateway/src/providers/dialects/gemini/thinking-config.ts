import { invalidRequest } from "../../../lib/errors.js";
import type { GeminiThinkingConfig } from "./wire-types.js";

type Effort = "none" | "minimal" | "low" | "medium" | "high";

/** Gemini 2.x takes a token budget: the figures Google's own OpenAI-compatible endpoint uses. */
const BUDGETS: Record<Effort, number> = { none: 0, minimal: 1024, low: 1024, medium: 8192, high: 24576 };

/** Gemini 3 takes a level; it cannot switch thinking off, so "none" asks for the least there is. */
const LEVELS: Record<Effort, "minimal" | "low" | "medium" | "high"> = { none: "minimal", minimal: "minimal", low: "low", medium: "medium", high: "high" };

/** Gemini 1.x and 2.x (AI Studio or Vertex names) use thinkingBudget; later and unknown models use thinkingLevel. */
export function usesThinkingBudget(model: string): boolean {
  return /^gemini-[12](?:[.-]|$)/i.test(model.split("/").pop() ?? "");
}

/**
 * reasoning_effort as a thinkingConfig. Thought summaries are asked for (includeThoughts) so reasoning comes
 * back as `reasoning_content`, except for "none", where there is nothing to show.
 */
export function thinkingConfig(effort: unknown, model: string): GeminiThinkingConfig | undefined {
  if (effort == null) return undefined;
  if (typeof effort !== "string" || !Object.hasOwn(BUDGETS, effort)) {
    throw invalidRequest(`reasoning_effort must be one of ${Object.keys(BUDGETS).join(", ")} for Gemini.`, "unsupported_value", "reasoning_effort");
  }
  const level = effort as Effort;
  const config: GeminiThinkingConfig = usesThinkingBudget(model) ? { thinkingBudget: BUDGETS[level] } : { thinkingLevel: LEVELS[level] };
  if (level !== "none") config.includeThoughts = true;
  return config;
}
