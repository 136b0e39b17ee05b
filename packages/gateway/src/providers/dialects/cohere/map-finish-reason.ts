import type { FinishReason } from "../dialect.js";

/** How a Cohere generation ended: an OpenAI finish reason, or a failure the client must see as an error. */
export type CohereOutcome = { kind: "finished"; reason: FinishReason } | { kind: "failed"; reason: "ERROR" | "TIMEOUT" };

/**
 * COMPLETE and STOP_SEQUENCE are OpenAI's "stop". ERROR and TIMEOUT are failures, not a kind of
 * stop: reporting them as "stop" would pass a broken answer off as complete, so the caller turns
 * them into an error. A reason Cohere adds later reads as "stop" (or "tool_calls" when the
 * answer holds tool calls) rather than breaking the call.
 */
export function mapFinishReason(value: unknown, hasToolCalls: boolean): CohereOutcome {
  switch (value) {
    case "MAX_TOKENS":
      return { kind: "finished", reason: "length" };
    case "TOOL_CALL":
      return { kind: "finished", reason: "tool_calls" };
    case "ERROR":
    case "TIMEOUT":
      return { kind: "failed", reason: value };
    case "COMPLETE":
    case "STOP_SEQUENCE":
      return { kind: "finished", reason: "stop" };
    default:
      return { kind: "finished", reason: hasToolCalls ? "tool_calls" : "stop" };
  }
}

/** The message a failed generation ends with, Cohere's own when it gave one. */
export function failureMessage(reason: "ERROR" | "TIMEOUT", detail: unknown): string {
  if (typeof detail === "string" && detail.trim() !== "") return detail;
  return reason === "TIMEOUT" ? "Cohere timed out before finishing the generation." : "Cohere failed during the generation.";
}
