import { describe, expect, it } from "vitest";
import { PROVIDERS } from "../../registry.js";
import type { OpenAIChatRequest } from "../dialect.js";
import { buildChatRequest } from "./chat-request.js";
import { recordedJson, recordedText } from "./recorded-fixtures.js";

const provider = PROVIDERS.find((p) => p.slug === "cohere")!;
const target = { provider, baseUrl: provider.baseUrl!, credential: "co-test-credential", model: "command-a-03-2025" };
const translate = (body: Record<string, unknown>, stream = false, model = target.model) => {
  const request = buildChatRequest({ messages: [{ role: "user", content: "hi" }], ...body } as OpenAIChatRequest, { ...target, model }, stream);
  return { request, sent: JSON.parse(request.body) };
};
const rejects = (body: Record<string, unknown>, param: string) => expect(() => translate(body)).toThrow(expect.objectContaining({ status: 400, type: "invalid_request_error", param }));

describe("building Cohere v2 chat requests", () => {
  it("matches what the Cohere SDK sent for the recorded simple chat, to the recorded URL", () => {
    const recorded = recordedJson("pyd-cohere-simple.i0.request.json");
    const { request, sent } = translate({ model: "@cohere/command-r7b-12-2024", messages: [{ role: "user", content: "hello" }] }, false, recorded.model);
    expect(sent).toEqual(recorded);
    const cassette = recordedText("pyd-cohere-simple.cassette.yaml");
    expect(`${target.baseUrl}${request.path}`).toBe(/uri: (\S+)/.exec(cassette)![1]);
    expect(request.method).toBe(/method: (\w+)/.exec(cassette)![1]);
    expect(request.headers).toEqual({ "content-type": "application/json", accept: "application/json", authorization: "Bearer co-test-credential" });
  });

  it("matches the recorded request with a long system prompt", () => {
    const recorded = recordedJson("pyd-cohere-cached-tokens.i0.request.json");
    const { request, sent } = translate({ messages: recorded.messages, stream: true }, false, recorded.model);
    expect(sent).toEqual(recorded);
    expect(`${target.baseUrl}${request.path}`).toBe(/uri: (\S+)/.exec(recordedText("pyd-cohere-cached-tokens.cassette.yaml"))![1]);
  });

  it("asks for a stream when the pipeline streams", () => {
    const { request, sent } = translate({}, true);
    expect(sent.stream).toBe(true);
    expect(request.headers.accept).toBe("text/event-stream");
  });

  it("translates sampling, limits, stops, formats, tools and reasoning", () => {
    const schema = { type: "object", properties: { answer: { type: "string" } } };
    const { sent } = translate({
      temperature: 0.2,
      top_p: 0.9,
      frequency_penalty: 0.1,
      presence_penalty: 0.3,
      seed: 7,
      stop: "END",
      max_tokens: 50,
      max_completion_tokens: 100,
      response_format: { type: "json_schema", json_schema: { name: "a", schema } },
      tools: [{ type: "function", function: { name: "lookup", parameters: schema } }],
      tool_choice: "required",
      reasoning_effort: "low",
    });
    expect(sent).toEqual({
      model: "command-a-03-2025",
      messages: [{ role: "user", content: "hi" }],
      temperature: 0.2,
      p: 0.9,
      frequency_penalty: 0.1,
      presence_penalty: 0.3,
      seed: 7,
      stop_sequences: ["END"],
      max_tokens: 100,
      response_format: { type: "json_object", json_schema: schema },
      tools: [{ type: "function", function: { name: "lookup", parameters: schema } }],
      tool_choice: "REQUIRED",
      thinking: { type: "enabled", token_budget: 2048 },
      stream: false,
    });
  });

  it("brings top_p into Cohere's range of p", () => {
    expect(translate({ top_p: 1 }).sent.p).toBe(0.99);
    expect(translate({ top_p: 0 }).sent.p).toBe(0.01);
    expect(translate({ top_p: 0.5 }).sent.p).toBe(0.5);
  });

  it("uses max_tokens alone, and passes Cohere's own fields on", () => {
    const { sent } = translate({ max_tokens: 64, stop: ["a", "b"], k: 40, safety_mode: "STRICT", documents: ["doc"], top_k: 10 });
    expect(sent).toMatchObject({ max_tokens: 64, stop_sequences: ["a", "b"], k: 10, safety_mode: "STRICT", documents: ["doc"] });
  });

  it("ignores cosmetic OpenAI-only fields and null fields", () => {
    const { sent } = translate({
      user: "u-1",
      metadata: { team: "a" },
      stream_options: { include_usage: true },
      prompt_cache_key: "k",
      safety_identifier: "s",
      service_tier: "auto",
      store: false,
      n: 1,
      logprobs: false,
      modalities: ["text"],
      temperature: null,
      response_format: { type: "text" },
      tool_choice: "auto",
    });
    expect(sent).toEqual({ model: "command-a-03-2025", messages: [{ role: "user", content: "hi" }], stream: false });
  });

  it("refuses fields Cohere cannot honour, naming each", () => {
    rejects({ logit_bias: { "50256": -100 } }, "logit_bias");
    rejects({ n: 2 }, "n");
    rejects({ logprobs: true }, "logprobs");
    rejects({ top_logprobs: 3 }, "top_logprobs");
    rejects({ store: true }, "store");
    rejects({ service_tier: "flex" }, "service_tier");
    rejects({ modalities: ["text", "audio"] }, "modalities");
    rejects({ audio: { voice: "alloy", format: "wav" } }, "audio");
    rejects({ functions: [{ name: "f" }] }, "functions");
    rejects({ prediction: { type: "content", content: "x" } }, "prediction");
    rejects({ web_search_options: {} }, "web_search_options");
    rejects({ something_new: 1 }, "something_new");
    rejects({ temperature: "warm" }, "temperature");
    rejects({ max_tokens: 1.5 }, "max_tokens");
    rejects({ stop: [1] }, "stop");
    rejects({ messages: "hi" }, "messages");
  });

  it("never puts the credential in the body", () => {
    expect(translate({}).request.body).not.toContain("co-test-credential");
  });
});
