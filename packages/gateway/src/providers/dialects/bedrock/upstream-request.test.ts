import { describe, expect, it } from "vitest";
import { PROVIDERS } from "../../registry.js";
import { bedrockUpstreamRequest } from "./upstream-request.js";

const provider = PROVIDERS.find((p) => p.slug === "bedrock")!;
const credential = JSON.stringify({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret", region: "us-west-2" });

describe("assembling a Bedrock upstream request", () => {
  it("signs exactly the body it returns, under a base URL with a path prefix", async () => {
    const body = { messages: [{ role: "user", content: [{ text: "héllo ✓" }] }] };
    const request = await bedrockUpstreamRequest(
      { provider, baseUrl: "http://127.0.0.1:4010/_mock/x", credential, model: "us.amazon.nova-micro-v1:0" },
      "converse",
      body,
      new Date("2025-03-04T05:06:07Z"),
    );
    expect(request.body).toBe(JSON.stringify(body));
    expect(request.path).toBe("/model/us.amazon.nova-micro-v1%3A0/converse");
    expect(request.headers.host).toBe("127.0.0.1:4010");
    expect(request.headers.authorization).toContain("Credential=AKIDEXAMPLE/20250304/us-west-2/bedrock/aws4_request");
    const { createHash } = await import("node:crypto");
    expect(request.headers["x-amz-content-sha256"]).toBe(createHash("sha256").update(request.body, "utf8").digest("hex"));
  });

  it("asks InvokeModel for JSON", async () => {
    const request = await bedrockUpstreamRequest({ provider, baseUrl: "https://bedrock-runtime.eu-west-1.amazonaws.com", credential: "ABSKkey", model: "cohere.embed-english-v3" }, "invoke", { texts: ["a"] });
    expect(request.headers).toEqual({ "content-type": "application/json", accept: "application/json", authorization: "Bearer ABSKkey" });
  });
});
