import { invalidRequest } from "../../../lib/errors.js";

/**
 * Thinking budgets (tokens) for Anthropic models on Bedrock, by OpenAI reasoning effort.
 * 1024 is Anthropic's minimum budget.
 */
export const THINKING_BUDGETS: Record<string, number> = { minimal: 1024, low: 2048, medium: 8192, high: 16384, xhigh: 32768 };

/** Room for the answer after the thinking, when the client set no max_tokens. */
export const ANSWER_TOKENS_AFTER_THINKING = 4096;

export interface ReasoningConfig {
  additionalModelRequestFields?: Record<string, unknown>;
  /** The maxTokens to send (thinking counts against it), or undefined for the client's own. */
  maxTokens?: number;
}

/** Claude on Bedrock, by id or cross-region inference profile (`us.anthropic.claude-…`). */
function isAnthropicModel(modelId: string): boolean {
  return modelId.includes("anthropic.claude");
}

/**
 * `reasoning_effort` → Anthropic's extended thinking in `additionalModelRequestFields`
 * (`thinking: {type: "enabled", budget_tokens}`). Other Bedrock model families have no
 * single equivalent, so they get a 400 naming the field; "none" asks for no thinking.
 */
export function reasoningConfig(effort: unknown, modelId: string, maxTokens: number | undefined): ReasoningConfig {
  if (effort === undefined || effort === null || effort === "none") return {};
  const budget = typeof effort === "string" ? THINKING_BUDGETS[effort] : undefined;
  if (budget === undefined) {
    throw invalidRequest(`reasoning_effort must be one of none, ${Object.keys(THINKING_BUDGETS).join(", ")}.`, "invalid_reasoning_effort", "reasoning_effort");
  }
  if (!isAnthropicModel(modelId)) {
    throw invalidRequest(
      `reasoning_effort can be sent to Amazon Bedrock only for Anthropic Claude models (as a thinking budget), not ${modelId}.`,
      "unsupported_parameter",
      "reasoning_effort",
    );
  }
  if (maxTokens !== undefined && maxTokens <= budget) {
    throw invalidRequest(
      `The token limit (max_completion_tokens / max_tokens: ${maxTokens}) must be larger than the thinking budget for reasoning_effort "${effort}" (${budget} tokens): thinking counts against it.`,
      "max_tokens_too_small",
      "max_tokens",
    );
  }
  return {
    additionalModelRequestFields: { thinking: { type: "enabled", budget_tokens: budget } },
    maxTokens: maxTokens ?? budget + ANSWER_TOKENS_AFTER_THINKING,
  };
}
