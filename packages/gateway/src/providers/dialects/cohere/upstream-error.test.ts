import { describe, expect, it } from "vitest";
import { recordedText } from "./recorded-fixtures.js";
import { translateError } from "./upstream-error.js";

describe("translating Cohere errors", () => {
  it("turns the recorded embed 404 into an OpenAI not_found_error with Cohere's message and request id", () => {
    const status = Number(/status:\s*\n\s*code: (\d+)/.exec(recordedText("pyd-cohere-embed-404.cassette.yaml"))![1]);
    expect(status).toBe(404);
    expect(translateError(status, recordedText("pyd-cohere-embed-404.i0.response.json"))).toEqual({
      error: {
        message: "model 'nonexistent' not found, make sure the correct model ID was used and that you have access to the model.",
        type: "not_found_error",
        param: null,
        code: null,
        upstream_request_id: "8bd5b608-887c-49f7-a6b3-d3bd5830c3de",
      },
    });
  });

  it("maps Cohere's statuses to OpenAI error types and codes", () => {
    const typeOf = (status: number) => translateError(status, '{"message":"m"}').error;
    expect(typeOf(400)).toMatchObject({ type: "invalid_request_error", code: null });
    expect(typeOf(401)).toMatchObject({ type: "authentication_error", code: "invalid_api_key" });
    expect(typeOf(498)).toMatchObject({ type: "authentication_error", code: "invalid_api_key" });
    expect(typeOf(403)).toMatchObject({ type: "permission_error" });
    expect(typeOf(422)).toMatchObject({ type: "invalid_request_error" });
    expect(typeOf(429)).toMatchObject({ type: "rate_limit_error", code: "rate_limit_exceeded" });
    expect(typeOf(500)).toMatchObject({ type: "api_error" });
    expect(typeOf(503)).toMatchObject({ type: "overloaded_error" });
    expect(typeOf(504)).toMatchObject({ type: "api_error" });
    expect(typeOf(418)).toMatchObject({ type: "upstream_error" });
  });

  it("reads plain-text, empty and oddly shaped bodies", () => {
    expect(translateError(502, "Bad Gateway").error.message).toBe("Bad Gateway");
    expect(translateError(500, "").error.message).toBe("Cohere answered HTTP 500.");
    expect(translateError(400, '{"error":{"message":"nested"}}').error.message).toBe("nested");
    expect(translateError(400, '{"error":"flat"}').error.message).toBe("flat");
    expect(translateError(400, '{"detail":1}').error.message).toBe("Cohere answered HTTP 400.");
    expect(translateError(400, '{"message":"m"}').error).not.toHaveProperty("upstream_request_id");
  });
});
