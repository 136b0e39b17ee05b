import { type JsonRecord, asRecord } from "./payload-fields.js";
import { unsupportedField, unsupportedValue } from "./request-errors.js";

/**
 * OpenAI `reasoning_effort` as Cohere's `thinking` (its reasoning models think by default):
 *   none, minimal → { type: "disabled" }
 *   low           → { type: "enabled", token_budget: 2048 }
 *   medium        → { type: "enabled", token_budget: 8192 }
 *   high, xhigh   → { type: "enabled" } (no budget: the model may think up to its output limit)
 * A client may send Cohere's own `thinking` object instead; it is passed on as it is. Both at
 * once is ambiguous and refused.
 */
const THINKING_BY_EFFORT: Record<string, JsonRecord> = {
  none: { type: "disabled" },
  minimal: { type: "disabled" },
  low: { type: "enabled", token_budget: 2048 },
  medium: { type: "enabled", token_budget: 8192 },
  high: { type: "enabled" },
  xhigh: { type: "enabled" },
};

export function mapReasoning(effort: unknown, thinking: unknown): JsonRecord | undefined {
  if (effort != null && thinking != null) throw unsupportedField("thinking", "send either reasoning_effort or thinking, not both.");
  if (thinking != null) {
    const native = asRecord(thinking);
    if (!native) throw unsupportedValue("thinking", "expected Cohere's thinking object.");
    return native;
  }
  if (effort == null) return undefined;
  const mapped = typeof effort === "string" ? THINKING_BY_EFFORT[effort] : undefined;
  if (!mapped) throw unsupportedValue("reasoning_effort", `${JSON.stringify(effort)} has no Cohere equivalent.`);
  return { ...mapped };
}
