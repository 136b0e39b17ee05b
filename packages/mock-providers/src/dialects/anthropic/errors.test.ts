import { describe, expect, it } from "vitest";
import { anthropicError, errorTypeForStatus, statusMessage } from "./errors.js";

describe("Anthropic errors", () => {
  it("maps statuses to Anthropic's documented error types", () => {
    expect([400, 401, 403, 404, 413, 429, 500, 529, 502, 418].map(errorTypeForStatus)).toEqual([
      "invalid_request_error",
      "authentication_error",
      "permission_error",
      "not_found_error",
      "request_too_large",
      "rate_limit_error",
      "api_error",
      "overloaded_error",
      "api_error",
      "invalid_request_error",
    ]);
  });

  it("builds the envelope with a request id that the request-id header repeats", () => {
    const reply = anthropicError(529, "overloaded_error", statusMessage(529, undefined));
    expect(reply.kind === "json" && reply.body).toEqual({
      type: "error",
      error: { type: "overloaded_error", message: "Overloaded" },
      request_id: reply.headers?.["request-id"],
    });
    expect(reply.headers?.["request-id"]).toMatch(/^req_011C[A-Za-z0-9]{20}$/);
  });

  it("names the model in a 404, as Anthropic does", () => {
    expect(statusMessage(404, "claude-x")).toBe("model: claude-x");
  });
});
