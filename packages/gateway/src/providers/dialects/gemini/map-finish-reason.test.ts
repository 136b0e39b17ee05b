import { describe, expect, it } from "vitest";
import type { JsonObject } from "./json-read.js";
import { mapFinishReason, promptBlocked } from "./map-finish-reason.js";
import { googleJson } from "./test-fixtures.js";

describe("finish reasons", () => {
  it("trap 6: STOP after function calls is tool_calls", () => {
    expect(mapFinishReason("STOP", true)).toBe("tool_calls");
    expect(mapFinishReason("STOP", false)).toBe("stop");
  });
  it("maps MAX_TOKENS to length and the policy reasons to content_filter", () => {
    expect(mapFinishReason("MAX_TOKENS", true)).toBe("length");
    for (const reason of ["SAFETY", "RECITATION", "PROHIBITED_CONTENT", "BLOCKLIST", "SPII", "IMAGE_SAFETY"]) expect(mapFinishReason(reason, false), reason).toBe("content_filter");
  });
  it("reports stop for reasons OpenAI has no word for, and null when there is no reason yet", () => {
    expect(mapFinishReason("MALFORMED_FUNCTION_CALL", false)).toBe("stop");
    expect(mapFinishReason("SOMETHING_NEW", false)).toBe("stop");
    expect(mapFinishReason(undefined, false)).toBeNull();
  });
  it("sees a blocked prompt in promptFeedback (fb-vertex-prompt-blocked-safety.json)", () => {
    expect(promptBlocked(googleJson("fb-vertex-prompt-blocked-safety.json") as JsonObject)).toBe(true);
    expect(promptBlocked(googleJson("fb-vertex-usage-metadata.json") as JsonObject)).toBe(false);
  });
});
