import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { wireFixture } from "../../../testing/fixtures.js";
import { anthropicError, readAnthropicError } from "./upstream-error.js";

const body = (name: string) => readFileSync(wireFixture(`anthropic/${name}`), "utf8");

describe("translating Anthropic errors", () => {
  it("keeps a recorded 429 as a rate_limit_error", () => {
    expect(anthropicError(429, body("issue-anthropic-429-rate-limit.json"))).toEqual({
      error: { message: "This request would exceed your account's rate limit. Please try again later.", type: "rate_limit_error", param: null, code: null },
    });
  });

  it("keeps a recorded 529 as an overloaded_error", () => {
    expect(anthropicError(529, body("issue-anthropic-529-overloaded.json"))).toEqual({ error: { message: "Overloaded", type: "overloaded_error", param: null, code: null } });
  });

  it("keeps a recorded 404 for an unknown model as a not_found_error", () => {
    expect(anthropicError(404, body("pyd-anthropic-model-not-found-404.i0.response.json"))).toEqual({
      error: { message: "model: claude-sonet-4-5", type: "not_found_error", param: null, code: null },
    });
  });

  it("keeps a recorded 400 as an invalid_request_error with Anthropic's message", () => {
    expect(anthropicError(400, body("pyd-anthropic-effort-unsupported-400.i0.response.json"))).toEqual({
      error: { message: "This model does not support effort level 'xhigh'. Supported levels: high, low, max, medium.", type: "invalid_request_error", param: null, code: null },
    });
  });

  it("falls back on the status for a body that is not Anthropic's JSON", () => {
    expect(anthropicError(502, "<html>Bad gateway</html>")).toEqual({ error: { message: "<html>Bad gateway</html>", type: "api_error", param: null, code: null } });
    expect(anthropicError(401, "")).toEqual({ error: { message: "Anthropic answered HTTP 401.", type: "authentication_error", param: null, code: null } });
    expect(anthropicError(429, '{"unexpected":true}').error.type).toBe("rate_limit_error");
  });

  it("trap 9: reads the overloaded error event sent after a 200, extra fields ignored", () => {
    const payload = JSON.parse(body("issue-anthropic-stream-error-event-overloaded.json"));
    expect(readAnthropicError(payload, "api_error", "stream failed")).toEqual({ message: "Overloaded", type: "overloaded_error", code: null });
  });
});
