import { describe, expect, it } from "vitest";
import { errorBodyForStatus, invalidApiKeyBody, maskApiKey } from "./openai-errors.js";

describe("maskApiKey", () => {
  it("shows the first 8 and last 4 characters of a real-length key, as OpenAI does", () => {
    const key = "sk-PMafPabcdefghijklmnopqrstuvwxyzABCDEFGHIJKLME873";
    expect(maskApiKey(key)).toBe(`sk-PMafP${"*".repeat(key.length - 12)}E873`);
  });

  it("shows only the first 3 and last 4 of a short test key, and nothing of a tiny one", () => {
    expect(maskApiKey("sk-test-wrong")).toBe("sk-******rong");
    expect(maskApiKey("short")).toBe("*****");
  });
});

describe("invalidApiKeyBody", () => {
  it("has OpenAI's 401 shape with the masked key", () => {
    expect(invalidApiKeyBody("sk-abcdefghijklmnopwxyz")).toEqual({
      error: {
        message:
          "Incorrect API key provided: sk-abcde***********wxyz. " +
          "You can find your API key at https://platform.openai.com/account/api-keys.",
        type: "invalid_request_error",
        param: null,
        code: "invalid_api_key",
      },
    });
  });

  it("says no key was provided when the request had none", () => {
    expect(invalidApiKeyBody(undefined).error.message).toMatch(/^You didn't provide an API key/);
  });
});

describe("errorBodyForStatus", () => {
  it("answers 429 as an OpenAI requests-per-minute rate limit naming the retry delay", () => {
    const body = errorBodyForStatus(429, { model: "gpt-4o-mini", retryAfterSeconds: "7" });
    expect(body.error).toMatchObject({ type: "requests", code: "rate_limit_exceeded", param: null });
    expect(body.error.message).toContain("Rate limit reached for gpt-4o-mini");
    expect(body.error.message).toContain("Please try again in 7s.");
  });

  it("answers 500 and 503 as server errors", () => {
    expect(errorBodyForStatus(500).error).toMatchObject({ type: "server_error", code: null });
    expect(errorBodyForStatus(503).error.type).toBe("server_error");
    expect(errorBodyForStatus(502).error.type).toBe("server_error");
  });

  it("answers 404 as model_not_found for the requested model and 400 as an invalid request", () => {
    expect(errorBodyForStatus(404, { model: "gpt-x" }).error).toMatchObject({
      code: "model_not_found",
      message: "The model `gpt-x` does not exist or you do not have access to it.",
    });
    expect(errorBodyForStatus(400).error.type).toBe("invalid_request_error");
  });

  it("answers 401 with the masked key the client sent", () => {
    expect(errorBodyForStatus(401, { apiKey: "sk-test-wrong" }).error.code).toBe("invalid_api_key");
  });
});
