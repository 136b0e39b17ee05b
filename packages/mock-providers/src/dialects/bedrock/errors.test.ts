import { describe, expect, it } from "vitest";
import { authError, errorTypeForStatus, statusError } from "./errors.js";

describe("Bedrock errors", () => {
  it("puts {message} in the body and the exception in x-amzn-errortype", () => {
    const reply = statusError(429);
    expect(reply).toEqual({
      kind: "json",
      status: 429,
      body: { message: "Too many requests, please wait before trying again." },
      headers: { "x-amzn-errortype": "ThrottlingException" },
    });
  });

  it("falls back by class for statuses Bedrock does not document", () => {
    expect(errorTypeForStatus(502)).toBe("InternalServerException");
    expect(errorTypeForStatus(409)).toBe("ValidationException");
  });

  it("tells a missing credential from an unknown one, both 403", () => {
    expect(authError(false).headers).toEqual({ "x-amzn-errortype": "MissingAuthenticationTokenException" });
    expect(authError(true)).toMatchObject({ status: 403, headers: { "x-amzn-errortype": "UnrecognizedClientException" } });
  });
});
