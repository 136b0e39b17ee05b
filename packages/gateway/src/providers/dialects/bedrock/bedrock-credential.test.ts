import { describe, expect, it } from "vitest";
import { GatewayError } from "../../../lib/errors.js";
import { parseBedrockCredential } from "./bedrock-credential.js";

const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

function failure(raw: string): GatewayError {
  try {
    parseBedrockCredential(raw);
  } catch (err) {
    return err as GatewayError;
  }
  throw new Error("expected a failure");
}

describe("reading a Bedrock credential", () => {
  it("reads AWS access keys from JSON, with an optional session token and region", () => {
    expect(parseBedrockCredential(JSON.stringify({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: SECRET }))).toEqual({ kind: "sigv4", accessKeyId: "AKIDEXAMPLE", secretAccessKey: SECRET });
    expect(parseBedrockCredential(` {"accessKeyId":"ASIA1","secretAccessKey":"s","sessionToken":"tok","region":"eu-west-1"} `)).toEqual({
      kind: "sigv4",
      accessKeyId: "ASIA1",
      secretAccessKey: "s",
      sessionToken: "tok",
      region: "eu-west-1",
    });
  });

  it("treats any other string as a Bedrock API key", () => {
    expect(parseBedrockCredential("ABSKQmVkcm9ja0FQSUtleS1example")).toEqual({ kind: "api-key", apiKey: "ABSKQmVkcm9ja0FQSUtleS1example" });
  });

  it("refuses broken JSON and incomplete keys with a 500 that never quotes the credential", () => {
    for (const raw of [`{"accessKeyId":"AKID","secretAccessKey":"${SECRET}"`, `{"accessKeyId":"AKID"}`, `{"accessKeyId":"AKID","secretAccessKey":"${SECRET}","region":""}`]) {
      const err = failure(raw);
      expect(err).toBeInstanceOf(GatewayError);
      expect(err.status).toBe(500);
      expect(err.code).toBe("provider_misconfigured");
      expect(JSON.stringify(err.toBody())).not.toContain(SECRET);
      expect(JSON.stringify(err.toBody())).not.toContain("AKID");
    }
  });
});
