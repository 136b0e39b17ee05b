import { describe, expect, it } from "vitest";
import { chatResponse } from "./chat-response.js";
import type { JsonObject } from "./json-read.js";
import { googleJson } from "./test-fixtures.js";

const ident = { id: "chatcmpl-test", created: 1700000000, model: "gemini-requested" };
const translate = (name: string) => chatResponse(googleJson(name), ident);
const totalOf = (name: string) => ((googleJson(name) as JsonObject).usageMetadata as JsonObject).totalTokenCount;
const u = (promptTokens: number, completionTokens: number, reasoningTokens = 0, cachedTokens = 0) => ({ promptTokens, completionTokens, cachedTokens, cacheWriteTokens: 0, reasoningTokens });

describe("Gemini JSON answers as chat completions", () => {
  it("reads plain text and usage (vercel-google-text.json)", () => {
    const { body, usage } = translate("vercel-google-text.json");
    expect(body.model).toBe("gemini-3-pro-preview");
    expect(body.id).toBe("chatcmpl-test");
    expect(body.choices).toEqual([
      { index: 0, message: { role: "assistant", content: "There are **3** r's in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.", refusal: null }, finish_reason: "stop", logprobs: null },
    ]);
    expect(usage).toEqual(u(9, 272, 244));
    expect(body.usage).toEqual({ prompt_tokens: 9, completion_tokens: 272, total_tokens: 281, prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 244 } });
    expect(body.usage!.total_tokens).toBe(totalOf("vercel-google-text.json"));
  });

  it("trap 4: counts thoughts in completion tokens (vercel-google-reasoning.json)", () => {
    const { body, usage } = translate("vercel-google-reasoning.json");
    expect(body.choices[0]!.message.content).toBe('There are **3** "r"s in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.');
    expect(usage).toEqual(u(9, 311, 282));
    expect(body.usage!.total_tokens).toBe(totalOf("vercel-google-reasoning.json"));
  });

  it("trap 6: gives Gemini's id-less call an id and reports tool_calls after STOP (vercel-google-tool-call.json)", () => {
    const { body, usage } = translate("vercel-google-tool-call.json");
    const message = body.choices[0]!.message;
    expect(message.content).toBeNull();
    expect(message.tool_calls).toHaveLength(1);
    expect(message.tool_calls![0]!.id).toMatch(/^call_/);
    expect(message.tool_calls![0]!.function).toEqual({ name: "weather", arguments: '{"location":"San Francisco"}' });
    expect(body.choices[0]!.finish_reason).toBe("tool_calls");
    expect(usage).toEqual(u(29, 908, 893));
    expect(body.usage!.total_tokens).toBe(totalOf("vercel-google-tool-call.json"));
  });

  it("trap 6: parallel calls get distinct ids, in order, and no usage when Gemini sends none (fb-vertex-function-call-parallel.json)", () => {
    const { body, usage } = translate("fb-vertex-function-call-parallel.json");
    const calls = body.choices[0]!.message.tool_calls!;
    expect(calls.map((c) => c.function)).toEqual([
      { name: "sum", arguments: '{"y":1,"x":2}' },
      { name: "sum", arguments: '{"y":3,"x":4}' },
      { name: "sum", arguments: '{"y":5,"x":6}' },
    ]);
    expect(new Set(calls.map((c) => c.id)).size).toBe(3);
    expect(body.choices[0]!.finish_reason).toBe("tool_calls");
    expect(usage).toBeNull();
    expect(body.usage).toBeUndefined();
  });

  it("trap 8 and 11: thought summary as reasoning_content, empty args as {} (fb-googleai-thinking-function-call-signature.json)", () => {
    const { body, usage } = translate("fb-googleai-thinking-function-call-signature.json");
    const message = body.choices[0]!.message;
    expect(message.reasoning_content).toContain("The `now()` tool seems perfect for that.");
    expect(message.tool_calls!.map((c) => c.function)).toEqual([{ name: "now", arguments: "{}" }]);
    expect(JSON.stringify(body)).not.toContain("thoughtSignature");
    expect(JSON.stringify(body)).not.toContain("CtQOAVSo");
    expect(usage).toEqual(u(38, 509, 501));
    expect(body.usage!.total_tokens).toBe(547);
  });

  it("reads pydantic-ai's tool round trip answers (pyd-google-tool-output.i0/i1)", () => {
    const first = translate("pyd-google-tool-output.i0.response.json");
    expect(first.body.choices[0]!.message.tool_calls!.map((c) => c.function)).toEqual([{ name: "get_user_country", arguments: "{}" }]);
    expect(first.body.choices[0]!.finish_reason).toBe("tool_calls");
    expect(first.usage).toEqual(u(33, 5));
    const second = translate("pyd-google-tool-output.i1.response.json");
    expect(second.body.choices[0]!.message.tool_calls!.map((c) => c.function)).toEqual([{ name: "final_result", arguments: '{"city":"Mexico City","country":"Mexico"}' }]);
    expect(second.usage).toEqual(u(47, 8));
    expect(second.body.usage!.total_tokens).toBe(totalOf("pyd-google-tool-output.i1.response.json"));
  });

  it("trap 3: reads implicit cache hits as cached prompt tokens (fb-vertex-implicit-caching.json)", () => {
    const { body, usage } = translate("fb-vertex-implicit-caching.json");
    expect(body.choices[0]!.message.content).toBe("Red Riding Hood is looking for **directions** in the forest.");
    expect(usage).toEqual(u(12013, 88, 73, 11243));
    expect(body.usage!.prompt_tokens_details).toEqual({ cached_tokens: 11243 });
    expect(body.usage!.total_tokens).toBe(totalOf("fb-vertex-implicit-caching.json"));
  });

  it("reports length for MAX_TOKENS, with text (pyd-google-max-tokens) and without any part (pyd-google-max-tokens-thinking-empty)", () => {
    const cut = translate("pyd-google-max-tokens.i0.response.json");
    expect(cut.body.choices[0]!.message.content).toBe("The capital of France is");
    expect(cut.body.choices[0]!.finish_reason).toBe("length");
    expect(cut.usage).toEqual(u(15, 5));
    const empty = translate("pyd-google-max-tokens-thinking-empty.i0.response.json");
    expect(empty.body.choices[0]!.message.content).toBe("");
    expect(empty.body.choices[0]!.finish_reason).toBe("length");
    expect(empty.usage).toEqual(u(15, 2, 2));
    expect(empty.body.usage!.total_tokens).toBe(totalOf("pyd-google-max-tokens-thinking-empty.i0.response.json"));
  });

  it("reports content_filter for a SAFETY finish (fb-vertex-finish-reason-safety.json)", () => {
    const { body, usage } = translate("fb-vertex-finish-reason-safety.json");
    expect(body.choices[0]!.message.content).toBe("<redacted>");
    expect(body.choices[0]!.finish_reason).toBe("content_filter");
    expect(usage).toEqual(u(8, 0));
  });

  it("answers a blocked prompt with empty content and content_filter (fb-vertex-prompt-blocked-safety.json)", () => {
    const { body, usage } = translate("fb-vertex-prompt-blocked-safety.json");
    expect(body.model).toBe("gemini-requested");
    expect(body.choices).toEqual([{ index: 0, message: { role: "assistant", content: "", refusal: null }, finish_reason: "content_filter", logprobs: null }]);
    expect(usage).toBeNull();
  });

  it("reads Vertex answers the same way (pyd-google-vertex-provider, fb-vertex-usage-metadata)", () => {
    const vertex = translate("pyd-google-vertex-provider.i0.response.json");
    expect(vertex.body.choices[0]!.message.content).toBe("The capital of France is Paris.\n");
    expect(vertex.usage).toEqual(u(13, 8));
    const meta = translate("fb-vertex-usage-metadata.json");
    expect(meta.body.choices[0]!.message.content).toBe("Mountain View, California, United States");
    expect(meta.usage).toEqual(u(6, 357));
    expect(meta.body.model).toBe("gemini-requested");
  });

  it("gives one choice per candidate when n asked for several", () => {
    const { body } = chatResponse(
      { candidates: [{ index: 1, content: { parts: [{ text: "B" }] }, finishReason: "STOP" }, { index: 0, content: { parts: [{ text: "A" }] }, finishReason: "MAX_TOKENS" }] },
      ident,
    );
    expect(body.choices.map((c) => [c.index, c.message.content, c.finish_reason])).toEqual([
      [0, "A", "length"],
      [1, "B", "stop"],
    ]);
  });

  it("trap 12: survives junk", () => {
    expect(chatResponse("nonsense", ident).body.choices[0]!.message.content).toBe("");
    expect(chatResponse({ candidates: [{ content: "x" }], usageMetadata: [] }, ident).usage).toBeNull();
  });
});
