import type { FinishReason } from "../dialect.js";

/**
 * Anthropic's `stop_reason` as OpenAI's finish reason. `pause_turn` (a server tool paused a
 * long turn) ends this answer like `end_turn`; a reason added later also ends it normally.
 */
export function mapStopReason(reason: unknown): FinishReason | null {
  switch (reason) {
    case null:
    case undefined:
      return null;
    case "max_tokens":
    case "model_context_window_exceeded":
      return "length";
    case "tool_use":
      return "tool_calls";
    case "refusal":
      return "content_filter";
    default:
      return "stop";
  }
}
