import { describe, expect, it } from "vitest";
import { mapStopReason } from "./map-stop-reason.js";

describe("mapping Anthropic stop reasons", () => {
  it.each([
    ["end_turn", "stop"],
    ["stop_sequence", "stop"],
    ["pause_turn", "stop"],
    ["max_tokens", "length"],
    ["model_context_window_exceeded", "length"],
    ["tool_use", "tool_calls"],
    ["refusal", "content_filter"],
  ])("%s → %s", (reason, finish) => {
    expect(mapStopReason(reason)).toBe(finish);
  });

  it("has no finish reason before Anthropic names one", () => {
    expect(mapStopReason(null)).toBeNull();
    expect(mapStopReason(undefined)).toBeNull();
  });

  it("trap 12: treats a stop reason it does not know as a normal end", () => {
    expect(mapStopReason("some_new_reason")).toBe("stop");
  });
});
