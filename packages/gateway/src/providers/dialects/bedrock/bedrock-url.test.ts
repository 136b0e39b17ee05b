import { describe, expect, it } from "vitest";
import { modelPath, regionFromHost } from "./bedrock-url.js";

describe("Bedrock request paths", () => {
  it("percent-encodes the model id as one path segment, as recorded (pyd-bedrock-converse uri)", () => {
    expect(modelPath("us.amazon.nova-micro-v1:0", "converse")).toBe("/model/us.amazon.nova-micro-v1%3A0/converse");
    expect(modelPath("anthropic.claude-3-5-sonnet-20240620-v1:0", "converse-stream")).toBe("/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse-stream");
    expect(modelPath("cohere.embed-english-v3", "invoke")).toBe("/model/cohere.embed-english-v3/invoke");
  });

  it("keeps an inference-profile ARN in one segment", () => {
    expect(modelPath("arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc", "converse")).toBe(
      "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Aapplication-inference-profile%2Fabc/converse",
    );
  });
});

describe("finding the region in a Bedrock host", () => {
  it.each([
    ["bedrock-runtime.us-east-1.amazonaws.com", "us-east-1"],
    ["bedrock-runtime-fips.us-gov-west-1.amazonaws.com", "us-gov-west-1"],
    ["bedrock-runtime.cn-north-1.amazonaws.com.cn", "cn-north-1"],
    ["vpce-0abc-xyz.bedrock-runtime.eu-central-1.vpce.amazonaws.com", "eu-central-1"],
    ["BEDROCK-RUNTIME.AP-SOUTHEAST-2.AMAZONAWS.COM", "ap-southeast-2"],
  ])("%s → %s", (host, region) => {
    expect(regionFromHost(host)).toBe(region);
  });

  it("finds none in other hosts", () => {
    expect(regionFromHost("127.0.0.1")).toBeNull();
    expect(regionFromHost("bedrock.us-east-1.amazonaws.com")).toBeNull();
    expect(regionFromHost("my-proxy.example.com")).toBeNull();
  });
});
