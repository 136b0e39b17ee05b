import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { wireFixture } from "../../../testing/fixtures.js";
import { bedrockError, streamException } from "./bedrock-error.js";

describe("translating Bedrock error answers", () => {
  it("turns the recorded 400 {message} body into an invalid_request_error (pyd-bedrock-error-400)", () => {
    const text = readFileSync(wireFixture("bedrock/pyd-bedrock-error-400.i0.response.json"), "utf8");
    expect(bedrockError(400, text)).toEqual({
      error: { message: "The provided model identifier is invalid.", type: "invalid_request_error", param: null, code: null },
    });
  });

  it("reads the capitalised {Message} some Bedrock errors use", () => {
    expect(bedrockError(404, '{"Message":"Model not found."}').error).toMatchObject({ message: "Model not found.", type: "not_found_error" });
  });

  it("tells a bad signature (authentication) from missing model access (permission) on 403", () => {
    expect(bedrockError(403, '{"message":"The security token included in the request is invalid."}').error.type).toBe("authentication_error");
    expect(bedrockError(403, '{"message":"The request signature we calculated does not match the signature you provided."}').error.type).toBe("authentication_error");
    expect(bedrockError(403, '{"message":"You don\'t have access to the model with the specified model ID."}').error.type).toBe("permission_error");
  });

  it.each([
    [429, "rate_limit_error"],
    [500, "api_error"],
    [503, "overloaded_error"],
    [424, "api_error"],
    [413, "invalid_request_error"],
  ])("maps HTTP %i to %s", (status, type) => {
    expect(bedrockError(status, '{"message":"x"}').error.type).toBe(type);
  });

  it("keeps the AWS error name as the code when the body carries __type", () => {
    expect(bedrockError(400, '{"__type":"com.amazon.coral.validate#ValidationException","message":"bad"}').error.code).toBe("ValidationException");
    expect(bedrockError(400, '{"__type":"ValidationException:http://internal.amazon.com/coral/","message":"bad"}').error.code).toBe("ValidationException");
  });

  it("wraps a body that is not JSON, and an empty one", () => {
    expect(bedrockError(502, "Bad Gateway").error).toMatchObject({ message: "Bad Gateway", type: "api_error" });
    expect(bedrockError(500, "").error.message).toBe("Amazon Bedrock answered HTTP 500.");
  });
});

describe("translating exceptions inside an event stream", () => {
  it("maps throttling to a rate limit and keeps the exception name as the code", () => {
    expect(streamException("throttlingException", { message: "Too many requests" })).toEqual({ message: "Too many requests", type: "rate_limit_error", code: "throttlingException" });
  });

  it("maps model stream errors to api_error and survives a payload without a message", () => {
    expect(streamException("modelStreamErrorException", { originalStatusCode: 500 })).toEqual({
      message: "Amazon Bedrock ended the stream with modelStreamErrorException.",
      type: "api_error",
      code: "modelStreamErrorException",
    });
  });

  it("accepts the capitalised names AWS uses in error headers", () => {
    expect(streamException("ValidationException", { Message: "bad input" })).toMatchObject({ type: "invalid_request_error", message: "bad input" });
  });
});
