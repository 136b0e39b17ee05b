import { describe, expect, it } from "vitest";
import { failureMessage, mapFinishReason } from "./map-finish-reason.js";

describe("mapping Cohere finish reasons", () => {
  it("maps completion, stop sequences, token limits and tool calls", () => {
    expect(mapFinishReason("COMPLETE", false)).toEqual({ kind: "finished", reason: "stop" });
    expect(mapFinishReason("STOP_SEQUENCE", false)).toEqual({ kind: "finished", reason: "stop" });
    expect(mapFinishReason("MAX_TOKENS", false)).toEqual({ kind: "finished", reason: "length" });
    expect(mapFinishReason("TOOL_CALL", true)).toEqual({ kind: "finished", reason: "tool_calls" });
  });
  it("treats ERROR and TIMEOUT as failures, not as a stop", () => {
    expect(mapFinishReason("ERROR", false)).toEqual({ kind: "failed", reason: "ERROR" });
    expect(mapFinishReason("TIMEOUT", false)).toEqual({ kind: "failed", reason: "TIMEOUT" });
  });
  it("reads a reason it does not know from what the answer holds", () => {
    expect(mapFinishReason("SOMETHING_NEW", false)).toEqual({ kind: "finished", reason: "stop" });
    expect(mapFinishReason(undefined, true)).toEqual({ kind: "finished", reason: "tool_calls" });
  });
  it("prefers Cohere's own failure message", () => {
    expect(failureMessage("ERROR", "internal error: out of capacity")).toBe("internal error: out of capacity");
    expect(failureMessage("TIMEOUT", "")).toMatch(/timed out/);
    expect(failureMessage("ERROR", undefined)).toMatch(/failed/);
  });
});
