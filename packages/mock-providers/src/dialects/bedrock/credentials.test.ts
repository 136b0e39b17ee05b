import { describe, expect, it } from "vitest";
import { bedrockKey } from "./credentials.js";

describe("bedrockKey", () => {
  it("reads the access key id from a SigV4 Authorization header", () => {
    const authorization = "AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20250101/us-east-1/bedrock/aws4_request, SignedHeaders=host, Signature=abc";
    expect(bedrockKey({ authorization })).toEqual({ key: "AKIAEXAMPLE", via: "sigv4" });
  });

  it("reads a Bedrock API key sent as a bearer token, and nothing else", () => {
    expect(bedrockKey({ authorization: "Bearer bedrock-api-key-1" })).toEqual({ key: "bedrock-api-key-1", via: "bearer" });
    expect(bedrockKey({ authorization: "AWS4-HMAC-SHA256 Signature=abc" })).toBeUndefined();
    expect(bedrockKey({})).toBeUndefined();
  });
});
