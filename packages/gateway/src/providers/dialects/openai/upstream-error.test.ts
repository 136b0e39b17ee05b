import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { wireFixture } from "../../../testing/fixtures.js";
import { normaliseUpstreamError, scrubSecret } from "./upstream-error.js";

describe("normalising upstream errors", () => {
  it("keeps a recorded OpenAI 404 body as it is", () => {
    const text = readFileSync(wireFixture("openai/pyd-openai-model-not-found-404.i0.response.json"), "utf8");
    expect(normaliseUpstreamError(404, text, "sk-secret")).toEqual({
      error: { code: "model_not_found", message: "The model `gpt-5.2-proo` does not exist or you do not have access to it.", param: null, type: "invalid_request_error" },
    });
  });

  it("keeps Groq's extra fields and fills the missing ones", () => {
    const text = readFileSync(wireFixture("groq/pyd-groq-tool-use-failed-400.i0.response.json"), "utf8");
    const body = normaliseUpstreamError(400, text, "gsk_secret");
    expect(body.error).toMatchObject({ code: "tool_use_failed", type: "invalid_request_error", param: null });
    expect((body.error as any).failed_generation).toBeDefined();
  });

  it("wraps plain text and string errors", () => {
    expect(normaliseUpstreamError(502, "Bad Gateway", "k")).toEqual({ error: { message: "Bad Gateway", type: "api_error", code: null, param: null } });
    expect(normaliseUpstreamError(429, '{"error":"slow down"}', "k").error).toMatchObject({ message: "slow down", type: "rate_limit_error" });
    expect(normaliseUpstreamError(500, "", "k").error.message).toBe("Upstream provider answered HTTP 500.");
  });

  it("never repeats the credential, whole or masked", () => {
    const secret = "sk-live-0123456789abcdef";
    const body = normaliseUpstreamError(401, JSON.stringify({ error: { message: `Incorrect API key provided: sk-liv***cdef. Also ${secret}.`, type: "invalid_request_error", code: "invalid_api_key" } }), secret);
    expect(JSON.stringify(body)).not.toContain(secret);
    expect(JSON.stringify(body)).not.toContain("sk-liv***cdef");
    expect(scrubSecret({ a: [secret] }, secret)).toEqual({ a: ["[redacted]"] });
  });

  it("scrubs every part of a JSON credential, e.g. an AWS session token echoed in a signature error", () => {
    const credential = JSON.stringify({ accessKeyId: "AKIAEXAMPLEKEY01", secretAccessKey: "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY", sessionToken: "IQoJb3JpZ2luX2VjEXAMPLETOKEN", region: "us-east-1" });
    const body = { message: "The request signature we calculated does not match.\nx-amz-security-token:IQoJb3JpZ2luX2VjEXAMPLETOKEN\nCredential=AKIAEXAMPLEKEY01/20261124" };
    const scrubbed = JSON.stringify(scrubSecret(body, credential));
    expect(scrubbed).not.toContain("IQoJb3JpZ2luX2VjEXAMPLETOKEN");
    expect(scrubbed).not.toContain("AKIAEXAMPLEKEY01");
    expect(scrubbed).toContain("signature we calculated");
  });
});

