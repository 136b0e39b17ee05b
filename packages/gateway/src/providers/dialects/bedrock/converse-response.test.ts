import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { wireFixture } from "../../../testing/fixtures.js";
import { converseResponse } from "./converse-response.js";

const ident = { id: "chatcmpl-test", created: 1700000000, model: "us.amazon.nova-micro-v1:0" };
const fixture = (name: string) => JSON.parse(readFileSync(wireFixture(`bedrock/${name}`), "utf8"));

describe("translating a Converse answer", () => {
  it("translates plain text with usage (pyd-bedrock-converse)", () => {
    const { body, usage } = converseResponse(fixture("pyd-bedrock-converse.i0.response.json"), ident);
    expect(body).toEqual({
      id: "chatcmpl-test",
      object: "chat.completion",
      created: 1700000000,
      model: "us.amazon.nova-micro-v1:0",
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: "Hello! How can I assist you today? Whether you have questions, need information, or just want to chat, I'm here to help.", refusal: null },
          finish_reason: "stop",
          logprobs: null,
        },
      ],
      usage: { prompt_tokens: 7, completion_tokens: 30, total_tokens: 37, prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 } },
    });
    expect(usage).toEqual({ promptTokens: 7, completionTokens: 30, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 });
  });

  it("trap 3: counts cache reads inside prompt_tokens (pyd-bedrock-cache-usage)", () => {
    const { body, usage } = converseResponse(fixture("pyd-bedrock-cache-usage.i0.response.json"), ident);
    expect(body.choices[0]!.message.content).toBe("5");
    expect(body.usage).toEqual({ prompt_tokens: 1517, completion_tokens: 5, total_tokens: 1522, prompt_tokens_details: { cached_tokens: 1504 }, completion_tokens_details: { reasoning_tokens: 0 } });
    expect(usage).toMatchObject({ cachedTokens: 1504, cacheWriteTokens: 0 });
  });

  it("maps max_tokens to finish_reason length (pyd-bedrock-max-tokens)", () => {
    const { body, usage } = converseResponse(fixture("pyd-bedrock-max-tokens.i0.response.json"), ident);
    expect(body.choices[0]).toMatchObject({ message: { content: "The capital of France is" }, finish_reason: "length" });
    expect(usage).toEqual({ promptTokens: 13, completionTokens: 5, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 });
  });

  it("trap 12: ignores the guardrail trace and other unknown fields (pyd-bedrock-guardrail)", () => {
    const { body, usage } = converseResponse(fixture("pyd-bedrock-guardrail.i0.response.json"), ident);
    expect(body.choices[0]!.message.content).toMatch(/^The capital of France is Paris\. /);
    expect(body.choices[0]!.finish_reason).toBe("stop");
    expect(usage).toMatchObject({ promptTokens: 13, completionTokens: 69 });
    expect(JSON.stringify(body)).not.toContain("guardrail");
  });

  it("translates text with empty cache counters (vercel-bedrock-text)", () => {
    const { body, usage } = converseResponse(fixture("vercel-bedrock-text.json"), ident);
    expect(body.choices[0]!.message.content).toBe('Let me count the "r"s in "strawberry":\n\ns-t-**r**-a-w-b-e-**r**-**r**-y\n\nThere are **3** "r"s in "strawberry."');
    expect(usage).toEqual({ promptTokens: 22, completionTokens: 57, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 });
  });

  it("trap 11: puts reasoningContent in reasoning_content and drops its signature (vercel-bedrock-reasoning)", () => {
    const { body, usage } = converseResponse(fixture("vercel-bedrock-reasoning.json"), ident);
    const message = body.choices[0]!.message;
    expect(message.reasoning_content).toBe('Let me count the r\'s in "strawberry":\n\ns-t-r-a-w-b-e-r-r-y\n\nThere are 3 r\'s.');
    expect(message.content).toBe('There are **3** r\'s in "strawberry":\n\n1. st**r**awbe**r****r**y');
    expect(JSON.stringify(body)).not.toContain("EvYBCkgICxAB");
    expect(usage).toEqual({ promptTokens: 51, completionTokens: 78, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 });
  });

  it("turns toolUse blocks into tool calls with their ids, names and argument JSON", () => {
    const json = {
      output: {
        message: {
          role: "assistant",
          content: [
            { toolUse: { toolUseId: "tooluse_lAG_zP8QRHmSYOwZzzaCqA", name: "get_temperature", input: { city: "Paris" } } },
            { toolUse: { toolUseId: "tooluse_2", name: "get_time", input: {} } },
          ],
        },
      },
      stopReason: "tool_use",
      usage: { inputTokens: 471, outputTokens: 91, totalTokens: 562 },
    };
    const { body } = converseResponse(json, ident);
    expect(body.choices[0]).toEqual({
      index: 0,
      message: {
        role: "assistant",
        content: null,
        refusal: null,
        tool_calls: [
          { id: "tooluse_lAG_zP8QRHmSYOwZzzaCqA", type: "function", function: { name: "get_temperature", arguments: '{"city":"Paris"}' } },
          { id: "tooluse_2", type: "function", function: { name: "get_time", arguments: "{}" } },
        ],
      },
      finish_reason: "tool_calls",
      logprobs: null,
    });
  });

  it("trap 8: reports missing tool input as {}", () => {
    const json = { output: { message: { content: [{ toolUse: { toolUseId: "t", name: "ping" } }] } }, stopReason: "tool_use" };
    expect(converseResponse(json, ident).body.choices[0]!.message.tool_calls![0]!.function.arguments).toBe("{}");
  });

  it("maps a guardrail intervention to content_filter", () => {
    const json = { output: { message: { content: [{ text: "Sorry, the model cannot answer this question." }] } }, stopReason: "guardrail_intervened", usage: { inputTokens: 3, outputTokens: 0 } };
    expect(converseResponse(json, ident).body.choices[0]!.finish_reason).toBe("content_filter");
  });

  it("trap 12: survives an answer without output or usage", () => {
    const { body, usage } = converseResponse({ stopReason: "end_turn" }, ident);
    expect(body.choices[0]!.message.content).toBe("");
    expect(body.usage).toBeUndefined();
    expect(usage).toBeNull();
  });
});
