import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GatewayError } from "../../../lib/errors.js";
import { wireFixture } from "../../../testing/fixtures.js";
import type { OpenAIChatRequest } from "../dialect.js";
import { converseRequestBody } from "./converse-request.js";

const NOVA = "us.amazon.nova-micro-v1:0";
const recorded = (name: string) => JSON.parse(readFileSync(wireFixture(`bedrock/${name}`), "utf8"));
const chat = (extra: Record<string, unknown>): OpenAIChatRequest => ({
  model: "@bedrock/x",
  messages: [
    { role: "system", content: "You are a helpful chatbot." },
    { role: "user", content: "What is the capital of France?" },
  ],
  ...extra,
});

function failure(body: OpenAIChatRequest, model = NOVA): GatewayError {
  try {
    converseRequestBody(body, model);
  } catch (err) {
    return err as GatewayError;
  }
  throw new Error("expected a failure");
}

describe("building a Converse request body", () => {
  it("matches the SDK's recorded body for max_tokens (pyd-bedrock-max-tokens)", () => {
    expect(converseRequestBody(chat({ max_tokens: 5 }), NOVA)).toEqual(recorded("pyd-bedrock-max-tokens.i0.request.json"));
  });

  it("matches the SDK's recorded body for temperature 0 (pyd-bedrock-converse-stream-binary)", () => {
    expect(converseRequestBody(chat({ temperature: 0, stream: true }), NOVA)).toEqual(recorded("pyd-bedrock-converse-stream-binary.i0.request.json"));
  });

  it("matches the SDK's recorded body for tools and top_p (pyd-bedrock-iter-stream-binary i0)", () => {
    const request = recorded("pyd-bedrock-iter-stream-binary.i0.request.json");
    const tools = request.toolConfig.tools.map((t: any) => ({ type: "function", function: { name: t.toolSpec.name, description: t.toolSpec.description, parameters: t.toolSpec.inputSchema.json } }));
    const body = converseRequestBody(
      { model: "@bedrock/x", messages: [{ role: "system", content: "You are a helpful chatbot." }, { role: "user", content: "What is the temperature of the capital of France?" }], top_p: 0.5, tools, tool_choice: "auto" },
      NOVA,
    );
    expect(body).toEqual(request);
  });

  it("omits empty system and inference config (pyd-bedrock-stream-empty-text-delta sends them empty)", () => {
    expect(converseRequestBody({ model: "m", messages: [{ role: "user", content: "Hi" }] }, "openai.gpt-oss-120b-1:0")).toEqual({ messages: recorded("pyd-bedrock-stream-empty-text-delta.i0.request.json").messages });
  });

  it("prefers max_completion_tokens and sends stop as stopSequences", () => {
    expect(converseRequestBody(chat({ max_tokens: 10, max_completion_tokens: 20, stop: "END" }), NOVA).inferenceConfig).toEqual({ maxTokens: 20, stopSequences: ["END"] });
    expect(converseRequestBody(chat({ stop: ["a", "b"] }), NOVA).inferenceConfig).toEqual({ stopSequences: ["a", "b"] });
  });

  it("adds Claude's thinking budget and raises maxTokens to fit it (pyd-bedrock-thinking-stream-binary)", () => {
    const body = converseRequestBody({ model: "m", messages: [{ role: "user", content: "Hello" }], reasoning_effort: "minimal" }, "us.anthropic.claude-sonnet-4-20250514-v1:0");
    expect(body.additionalModelRequestFields).toEqual(recorded("pyd-bedrock-thinking-stream-binary.i0.request.json").additionalModelRequestFields);
    expect(body.inferenceConfig).toEqual({ maxTokens: 5120 });
  });

  it("sends a json_schema response_format as outputConfig", () => {
    const body = converseRequestBody(chat({ response_format: { type: "json_schema", json_schema: { name: "city", schema: { type: "object" } } } }), NOVA);
    expect(body.outputConfig).toEqual({ textFormat: { type: "json_schema", structure: { jsonSchema: { schema: '{"type":"object"}', name: "city" } } } });
  });

  it("ignores the cosmetic OpenAI-only fields and fields left null", () => {
    const plain = converseRequestBody(chat({}), NOVA);
    const noisy = converseRequestBody(
      chat({ user: "u-1", seed: 7, stream: true, stream_options: { include_usage: true }, n: 1, store: false, metadata: { a: "b" }, parallel_tool_calls: true, logprobs: false, frequency_penalty: 0, presence_penalty: 0, logit_bias: {}, temperature: null, prompt_cache_key: "k", safety_identifier: "s" }),
      NOVA,
    );
    expect(noisy).toEqual(plain);
  });

  it.each([
    ["n", 2],
    ["parallel_tool_calls", false],
    ["logprobs", true],
    ["top_logprobs", 3],
    ["frequency_penalty", 0.5],
    ["presence_penalty", 1],
    ["logit_bias", { "50256": -100 }],
    ["audio", { voice: "alloy", format: "wav" }],
    ["modalities", ["text", "audio"]],
    ["prediction", { type: "content", content: "x" }],
    ["web_search_options", {}],
    ["functions", [{ name: "f" }]],
    ["service_tier", "flex"],
  ])("refuses %s=%j with a 400 naming the field", (field, value) => {
    const err = failure(chat({ [field]: value }));
    expect(err).toMatchObject({ status: 400, type: "invalid_request_error", code: "unsupported_parameter", param: field });
    expect(err.message).toContain(field);
  });

  it("refuses malformed numbers and stop lists", () => {
    expect(failure(chat({ temperature: "hot" })).param).toBe("temperature");
    expect(failure(chat({ max_tokens: 0 })).param).toBe("max_tokens");
    expect(failure(chat({ max_completion_tokens: 1.5 })).param).toBe("max_completion_tokens");
    expect(failure(chat({ stop: [1] })).param).toBe("stop");
  });
});
