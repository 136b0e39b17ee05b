import type { FinishReason } from "../dialect.js";

/** Converse `stopReason` → OpenAI `finish_reason`. */
export function mapStopReason(stopReason: unknown): FinishReason {
  switch (stopReason) {
    case "max_tokens":
    case "model_context_window_exceeded":
      return "length";
    case "tool_use":
      return "tool_calls";
    case "guardrail_intervened":
    case "content_filtered":
      return "content_filter";
    default:
      // end_turn, stop_sequence, and reasons added after this was written: the answer ended normally.
      return "stop";
  }
}
