import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { wireFixture } from "../../../testing/fixtures.js";
import { PROVIDERS } from "../../registry.js";
import type { Target } from "../dialect.js";
import { EventStreamDecoder, bedrockDialect } from "./index.js";
import { cassetteBinaryBody } from "./fixture-events.js";

const provider = PROVIDERS.find((p) => p.slug === "bedrock")!;
const sigv4 = JSON.stringify({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" });
const target = (over: Partial<Target> = {}): Target => ({ provider, baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com", credential: sigv4, model: "anthropic.claude-3-5-sonnet-20240620-v1:0", ...over });
const ident = { id: "chatcmpl-x", created: 1, model: "anthropic.claude-3-5-sonnet-20240620-v1:0" };

describe("the Bedrock dialect", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2025-01-02T03:04:05Z"));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("builds a signed Converse request for the model's path", async () => {
    const request = await bedrockDialect.chatRequest({ model: "@bedrock/x", messages: [{ role: "user", content: "Hello!" }] }, target(), false);
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse");
    expect(JSON.parse(request.body)).toEqual({ messages: [{ role: "user", content: [{ text: "Hello!" }] }] });
    expect(request.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20250102\/us-east-1\/bedrock\/aws4_request, SignedHeaders=accept;content-type;host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/);
    expect(request.headers).toMatchObject({ host: "bedrock-runtime.us-east-1.amazonaws.com", accept: "application/json", "content-type": "application/json", "x-amz-date": "20250102T030405Z" });
  });

  it("asks ConverseStream for the binary event stream, and frames its streams as aws-eventstream", async () => {
    const request = await bedrockDialect.chatRequest({ model: "m", messages: [{ role: "user", content: "Hi" }], stream: true }, target({ credential: "ABSKkey" }), true);
    expect(request.path).toBe("/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse-stream");
    expect(request.headers).toEqual({ "content-type": "application/json", accept: "application/vnd.amazon.eventstream", authorization: "Bearer ABSKkey" });
    expect(bedrockDialect.framing).toBe("aws-eventstream");
  });

  it("rejects an untranslatable request with a 400 before signing anything", async () => {
    await expect(bedrockDialect.chatRequest({ model: "m", messages: [{ role: "user", content: "Hi" }], n: 3 }, target(), false)).rejects.toMatchObject({ status: 400, param: "n" });
  });

  it("rejects a SigV4 credential it cannot place in a region, without echoing the credential", async () => {
    const attempt = bedrockDialect.chatRequest({ model: "m", messages: [{ role: "user", content: "Hi" }] }, target({ baseUrl: "http://127.0.0.1:4010/_mock/bedrock" }), false);
    await expect(attempt).rejects.toMatchObject({ status: 500, code: "provider_misconfigured" });
    await expect(attempt).rejects.not.toMatchObject({ message: expect.stringContaining("wJalr") });
  });

  it("builds a signed InvokeModel embeddings request", async () => {
    const request = await bedrockDialect.embeddingsRequest!({ model: "m", input: "Hello, world!" }, target({ model: "amazon.titan-embed-text-v2:0" }));
    expect(request.path).toBe("/model/amazon.titan-embed-text-v2%3A0/invoke");
    expect(JSON.parse(request.body)).toEqual({ inputText: "Hello, world!", normalize: true });
    expect(request.headers.authorization).toContain("/us-east-1/bedrock/aws4_request");
  });

  it("decodes recorded bytes and translates them end to end", () => {
    const decoder = new EventStreamDecoder();
    const translator = bedrockDialect.chatStream(ident);
    const bytes = cassetteBinaryBody("pyd-bedrock-iter-stream-binary.cassette.yaml", 0);
    const chunks = [...decoder.push(bytes), ...decoder.end()].flatMap((e) => translator.push(e));
    const calls = chunks.flatMap((c) => c.choices[0]!.delta.tool_calls ?? []);
    expect(calls[0]).toMatchObject({ index: 0, id: "tooluse_lAG_zP8QRHmSYOwZzzaCqA", function: { name: "get_temperature" } });
    expect(calls.map((c) => c.function?.arguments ?? "").join("")).toBe('{"city":"Paris"}');
    expect(translator.finished).toBe(true);
    expect(translator.usage).toMatchObject({ promptTokens: 471, completionTokens: 91 });
  });

  it("wires responses, usage and errors to the recorded fixtures", () => {
    const json = JSON.parse(readFileSync(wireFixture("bedrock/pyd-bedrock-cache-usage.i0.response.json"), "utf8"));
    expect(bedrockDialect.chatResponse(json, ident).usage).toMatchObject({ promptTokens: 1517, cachedTokens: 1504 });
    expect(bedrockDialect.usageOf(json)).toMatchObject({ promptTokens: 1517 });
    expect(bedrockDialect.error(400, readFileSync(wireFixture("bedrock/pyd-bedrock-error-400.i0.response.json"), "utf8")).error.type).toBe("invalid_request_error");
  });
});
