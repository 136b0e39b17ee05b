import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GatewayError } from "../../../lib/errors.js";
import { authorisedHeaders } from "./sign-request.js";

const SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const DATE = new Date("2024-05-06T07:08:09Z");
const BODY = '{"messages":[{"role":"user","content":[{"text":"Hello!"}]}]}';
const PATH = "/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse";
const JSON_HEADERS = { "content-type": "application/json", accept: "application/json" };

const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");
const hmac = (key: Buffer | string, s: string) => createHmac("sha256", key).update(s, "utf8").digest();

/** An independent SigV4 computation from AWS's published algorithm, to check the signer's output against. */
function expectedSignature(opts: { canonicalPath: string; host: string; region: string; sessionToken?: string }): string {
  const headers: Array<[string, string]> = [
    ["accept", "application/json"],
    ["content-type", "application/json"],
    ["host", opts.host],
    ["x-amz-content-sha256", sha256(BODY)],
    ["x-amz-date", "20240506T070809Z"],
  ];
  if (opts.sessionToken) headers.push(["x-amz-security-token", opts.sessionToken]);
  const signedHeaders = headers.map(([k]) => k).join(";");
  const canonical = ["POST", opts.canonicalPath, "", ...headers.map(([k, v]) => `${k}:${v}`), "", signedHeaders, sha256(BODY)].join("\n");
  const scope = `20240506/${opts.region}/bedrock/aws4_request`;
  const toSign = ["AWS4-HMAC-SHA256", "20240506T070809Z", scope, sha256(canonical)].join("\n");
  const key = hmac(hmac(hmac(hmac(`AWS4${SECRET}`, "20240506"), opts.region), "bedrock"), "aws4_request");
  return createHmac("sha256", key).update(toSign, "utf8").digest("hex");
}

describe("authorising a Bedrock request", () => {
  it("signs with SigV4 over the double-encoded model path, the host and the exact body", async () => {
    const headers = await authorisedHeaders(
      { baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com", path: PATH, body: BODY, headers: JSON_HEADERS },
      { kind: "sigv4", accessKeyId: "AKIDEXAMPLE", secretAccessKey: SECRET },
      DATE,
    );
    const signature = expectedSignature({
      canonicalPath: "/model/anthropic.claude-3-5-sonnet-20240620-v1%253A0/converse",
      host: "bedrock-runtime.us-east-1.amazonaws.com",
      region: "us-east-1",
    });
    expect(headers.authorization).toBe(
      `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240506/us-east-1/bedrock/aws4_request, SignedHeaders=accept;content-type;host;x-amz-content-sha256;x-amz-date, Signature=${signature}`,
    );
    expect(headers).toMatchObject({ host: "bedrock-runtime.us-east-1.amazonaws.com", "x-amz-date": "20240506T070809Z", "x-amz-content-sha256": sha256(BODY), ...JSON_HEADERS });
  });

  it("signs the base URL's path prefix and port, the region from the credential, and the session token", async () => {
    const headers = await authorisedHeaders(
      { baseUrl: "http://127.0.0.1:8123/_mock/x/", path: PATH, body: BODY, headers: JSON_HEADERS },
      { kind: "sigv4", accessKeyId: "ASIAEXAMPLE", secretAccessKey: SECRET, sessionToken: "session/token+1", region: "eu-west-3" },
      DATE,
    );
    const signature = expectedSignature({
      canonicalPath: "/_mock/x/model/anthropic.claude-3-5-sonnet-20240620-v1%253A0/converse",
      host: "127.0.0.1:8123",
      region: "eu-west-3",
      sessionToken: "session/token+1",
    });
    expect(headers.authorization).toContain("Credential=ASIAEXAMPLE/20240506/eu-west-3/bedrock/aws4_request");
    expect(headers.authorization).toContain("SignedHeaders=accept;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token");
    expect(headers.authorization).toContain(`Signature=${signature}`);
    expect(headers["x-amz-security-token"]).toBe("session/token+1");
    expect(headers.host).toBe("127.0.0.1:8123");
  });

  it("gives a different signature for a different body", async () => {
    const credential = { kind: "sigv4" as const, accessKeyId: "AKIDEXAMPLE", secretAccessKey: SECRET, region: "us-east-1" };
    const a = await authorisedHeaders({ baseUrl: "http://127.0.0.1:1", path: PATH, body: BODY, headers: JSON_HEADERS }, credential, DATE);
    const b = await authorisedHeaders({ baseUrl: "http://127.0.0.1:1", path: PATH, body: `${BODY} `, headers: JSON_HEADERS }, credential, DATE);
    expect(a.authorization).not.toBe(b.authorization);
  });

  it("sends a Bedrock API key as a bearer token", async () => {
    const headers = await authorisedHeaders({ baseUrl: "https://bedrock-runtime.us-west-2.amazonaws.com", path: PATH, body: BODY, headers: JSON_HEADERS }, { kind: "api-key", apiKey: "ABSKexample" });
    expect(headers).toEqual({ ...JSON_HEADERS, authorization: "Bearer ABSKexample" });
  });

  it("refuses to sign when no region is known, without quoting the credential", async () => {
    const attempt = authorisedHeaders({ baseUrl: "http://127.0.0.1:9", path: PATH, body: BODY, headers: JSON_HEADERS }, { kind: "sigv4", accessKeyId: "AKIDEXAMPLE", secretAccessKey: SECRET });
    await expect(attempt).rejects.toBeInstanceOf(GatewayError);
    await expect(attempt).rejects.toMatchObject({ status: 500, code: "provider_misconfigured", message: expect.stringMatching(/region/) });
    await expect(attempt).rejects.not.toMatchObject({ message: expect.stringContaining(SECRET) });
  });
});
