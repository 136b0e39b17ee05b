import { describe, expect, it } from "vitest";
import { mapStopReason } from "./map-stop-reason.js";

describe("mapping Converse stop reasons", () => {
  it.each([
    ["end_turn", "stop"],
    ["stop_sequence", "stop"],
    ["max_tokens", "length"],
    ["model_context_window_exceeded", "length"],
    ["tool_use", "tool_calls"],
    ["guardrail_intervened", "content_filter"],
    ["content_filtered", "content_filter"],
  ])("%s → %s", (reason, finish) => {
    expect(mapStopReason(reason)).toBe(finish);
  });

  it("trap 12: reads a stop reason it does not know as a normal stop", () => {
    expect(mapStopReason("some_future_reason")).toBe("stop");
    expect(mapStopReason(undefined)).toBe("stop");
  });
});
