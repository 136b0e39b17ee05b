import { describe, expect, it } from "vitest";
import { describeError, upstreamError } from "./upstream-error.js";
import { googleText } from "./test-fixtures.js";

describe("Gemini errors as OpenAI error bodies", () => {
  it("reads a bad API key as an authentication error, without echoing the debug detail (fb-googleai-api-key-400.json)", () => {
    const body = upstreamError(400, googleText("fb-googleai-api-key-400.json"));
    expect(body).toEqual({ error: { message: "API key not valid. Please pass a valid API key.", type: "authentication_error", param: null, code: "INVALID_ARGUMENT" } });
    expect(JSON.stringify(body)).not.toContain("key1234");
  });

  it("reads an unknown model as not_found_error (fb-googleai-unknown-model-404.json, pyd-google-model-not-found-404)", () => {
    const fb = upstreamError(404, googleText("fb-googleai-unknown-model-404.json"));
    expect(fb.error.type).toBe("not_found_error");
    expect(fb.error.code).toBe("NOT_FOUND");
    expect(fb.error.message).toMatch(/^models\/gemini-5\.0-flash is not found for API version v1/);
    expect(upstreamError(404, googleText("pyd-google-model-not-found-404.i0.response.json"))).toEqual({
      error: {
        message: "models/gemini-3.6-flahs is not found for API version v1beta, or is not supported for generateContent. Call ModelService.ListModels to see the list of available models and their supported methods.",
        type: "not_found_error",
        param: null,
        code: "NOT_FOUND",
      },
    });
  });

  it("reads quota exhaustion as a rate limit (fb-vertex-quota-exceeded-429.json, vercel-google-429-retry-info.json)", () => {
    const vertex = upstreamError(429, googleText("fb-vertex-quota-exceeded-429.json"));
    expect(vertex.error).toMatchObject({ type: "rate_limit_error", code: "RESOURCE_EXHAUSTED" });
    expect(vertex.error.message).toMatch(/^Quota exceeded for quota metric 'Generate Content API requests per minute'/);
    expect(upstreamError(429, googleText("vercel-google-429-retry-info.json"))).toEqual({
      error: { message: "You exceeded your current quota, please check your plan.", type: "rate_limit_error", param: null, code: "RESOURCE_EXHAUSTED" },
    });
  });

  it("reads overload, server errors and a list-wrapped error", () => {
    expect(upstreamError(503, '{"error":{"code":503,"message":"The model is overloaded.","status":"UNAVAILABLE"}}').error).toMatchObject({ type: "overloaded_error", code: "UNAVAILABLE" });
    expect(upstreamError(500, '[{"error":{"code":500,"message":"Internal error","status":"INTERNAL"}}]').error).toMatchObject({ message: "Internal error", type: "api_error", code: "INTERNAL" });
  });

  it("keeps a non-JSON body's text and types it by HTTP status", () => {
    expect(upstreamError(502, "<html>Bad Gateway</html>")).toEqual({ error: { message: "<html>Bad Gateway</html>", type: "api_error", param: null, code: null } });
    expect(upstreamError(401, "")).toEqual({ error: { message: "Gemini answered HTTP 401.", type: "authentication_error", param: null, code: null } });
  });

  it("describes an in-stream error object, typed by its own code", () => {
    expect(describeError({ code: 499, message: "The operation was cancelled.", status: "CANCELLED" }, 200)).toEqual({ message: "The operation was cancelled.", type: "api_error", code: "CANCELLED" });
    expect(describeError({ code: 429 }, 200)).toEqual({ message: "Gemini answered HTTP 429.", type: "rate_limit_error", code: null });
  });
});
