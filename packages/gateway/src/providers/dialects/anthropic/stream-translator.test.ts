import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { wireFixture } from "../../../testing/fixtures.js";
import type { OpenAIChatChunk, UpstreamEvent } from "../dialect.js";
import { assemble, feed, recordedStream } from "./fixture-events.js";
import { JSON_ANSWER_TOOL } from "./response-format.js";
import { AnthropicStreamTranslator } from "./stream-translator.js";

const ident = { id: "chatcmpl-test", created: 1700000000, model: "claude-asked-for" };
const noCache = { cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };

function replay(events: UpstreamEvent[]) {
  const translator = new AnthropicStreamTranslator(ident);
  const chunks = feed(translator, events);
  return { translator, chunks, got: assemble(chunks) };
}

/** OpenAI chunk rules every translated stream keeps. */
function expectOpenAIChunkShape(chunks: OpenAIChatChunk[]) {
  expect(chunks[0]!.choices[0]!.delta.role).toBe("assistant");
  expect(chunks.slice(1).every((c) => c.choices[0]!.delta.role === undefined)).toBe(true);
  expect(chunks.filter((c) => c.choices[0]!.finish_reason !== null)).toHaveLength(1);
  expect(chunks.at(-1)!.choices[0]!.finish_reason).not.toBeNull();
  const seen = new Set<number>();
  for (const call of chunks.flatMap((c) => c.choices[0]!.delta.tool_calls ?? [])) {
    if (seen.has(call.index)) expect(call).toEqual({ index: call.index, function: { arguments: expect.any(String) } });
    else expect(call).toMatchObject({ id: expect.any(String), type: "function", function: { name: expect.any(String) } });
    seen.add(call.index);
  }
}

describe("translating Anthropic streams", () => {
  it("streams text with the provider's id and model, role first and one finish chunk", () => {
    const { translator, chunks, got } = replay(recordedStream("vercel-anthropic-text-stream.chunks.txt"));
    expectOpenAIChunkShape(chunks);
    expect(got).toEqual({
      content: "Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?",
      reasoning: "",
      toolCalls: [],
      finishReasons: ["stop"],
    });
    expect(chunks.every((c) => c.id === "msg_01QC4g3HwBThD4BaNtBckFDJ" && c.model === "claude-sonnet-4-5-20250929" && c.created === 1700000000)).toBe(true);
    expect(translator.model).toBe("claude-sonnet-4-5-20250929");
    expect(translator.finished).toBe(true);
    expect(translator.error).toBeNull();
  });

  it("trap 2: message_delta usage is a running total that replaces message_start's", () => {
    const { translator } = replay(recordedStream("vercel-anthropic-text-stream.chunks.txt"));
    expect(translator.usage).toEqual({ promptTokens: 12, completionTokens: 30, ...noCache });
  });

  it("trap 2: input tokens restated in message_delta replace the ones from message_start", () => {
    const { translator, got } = replay(recordedStream("vercel-anthropic-message-delta-input-tokens-stream.chunks.txt"));
    expect(got.content).toBe("pong");
    expect(translator.usage).toEqual({ promptTokens: 61, completionTokens: 2, ...noCache });
  });

  it("trap 3: cache tokens from message_start stay counted when message_delta omits them", () => {
    const translator = new AnthropicStreamTranslator(ident);
    feed(translator, [
      { event: "message_start", data: { type: "message_start", message: { id: "m", model: "c", usage: { input_tokens: 3, cache_read_input_tokens: 1111, cache_creation_input_tokens: 418, cache_creation: { ephemeral_1h_input_tokens: 18 }, output_tokens: 1 } } } },
      { event: "message_delta", data: { type: "message_delta", delta: { stop_reason: "end_turn" }, usage: { output_tokens: 33 } } },
    ]);
    expect(translator.usage).toEqual({ promptTokens: 1532, completionTokens: 33, cachedTokens: 1111, cacheWriteTokens: 418, cacheWrite1hTokens: 18, reasoningTokens: 0 });
  });

  it("trap 11: thinking_delta becomes reasoning_content and the signature_delta is dropped", () => {
    const { chunks, got, translator } = replay(recordedStream("vercel-anthropic-clear-thinking-stream.1.chunks.txt"));
    expectOpenAIChunkShape(chunks);
    expect(got).toEqual({ content: "925 ÷ 5 = 185", reasoning: "The previous result was 925. Now I need to divide that by 5.\n\n925 ÷ 5 = 185", toolCalls: [], finishReasons: ["stop"] });
    expect(JSON.stringify(chunks)).not.toContain("EvQBCkYICxgC");
    expect(translator.usage).toEqual({ promptTokens: 69, completionTokens: 53, ...noCache });
  });

  it("translates a raw SSE recording with event names and padded data lines", () => {
    const { chunks, got, translator } = replay(recordedStream("pyd-anthropic-thinking-stream.i0.response.sse"));
    expectOpenAIChunkShape(chunks);
    expect(got.reasoning).toMatch(/^This is a straightforward question about pedestrian safety\. I should provide cle.*basic safety information that could help prevent accidents\.$/s);
    expect(got.reasoning).toHaveLength(202);
    expect(got.content).toMatch(/^Here are the basic steps for safely crossing the street:\n\n\*\*At intersections wit.*Always prioritize safety over speed when crossing streets\.$/s);
    expect(got.content).toHaveLength(1021);
    expect(got.finishReasons).toEqual(["stop"]);
    expect(translator.usage).toEqual({ promptTokens: 43, completionTokens: 282, ...noCache });
    expect(translator.model).toBe("claude-sonnet-4-20250514");
  });

  it("works the same without the SSE event names (data.type decides)", () => {
    const named = recordedStream("pyd-anthropic-thinking-stream.i0.response.sse");
    const unnamed = named.map((e) => ({ event: null, data: e.data }));
    expect(replay(unnamed).chunks).toEqual(replay(named).chunks);
  });

  it("skips redacted thinking blocks, which carry nothing readable", () => {
    const { chunks, got, translator } = replay(recordedStream("pyd-anthropic-redacted-thinking-stream.i0.response.sse"));
    expectOpenAIChunkShape(chunks);
    expect(got.reasoning).toBe("");
    expect(got.content).toMatch(/^I notice that you've sent what appears to be some kind of test string or command.*can I assist you today with a legitimate task or question\?$/s);
    expect(got.content).toHaveLength(359);
    expect(JSON.stringify(chunks)).not.toContain("EqkECkYIBxgC");
    expect(translator.usage).toEqual({ promptTokens: 92, completionTokens: 189, ...noCache });
  });

  it("streams a tool call: id and name first, then argument fragments by index", () => {
    const { chunks, got, translator } = replay(recordedStream("vercel-anthropic-json-tool-stream.1.chunks.txt"));
    expectOpenAIChunkShape(chunks);
    expect(got.toolCalls).toEqual([
      { id: "toolu_01KFbKqPYSuAKujiL6mTfzYA", type: "function", name: "json", arguments: '{"elements": [{"location": "San Francisco", "temperature": 58, "condition": "sunny"}]}' },
    ]);
    expect(got.content).toBe("");
    expect(got.finishReasons).toEqual(["tool_calls"]);
    expect(translator.usage).toEqual({ promptTokens: 849, completionTokens: 47, ...noCache });
  });

  it("trap 8: a tool call whose input_json_delta is empty gets arguments {}", () => {
    const { chunks, got, translator } = replay(recordedStream("vercel-anthropic-tool-no-args-stream.chunks.txt"));
    expectOpenAIChunkShape(chunks);
    expect(got).toEqual({
      content: "I'll update the issue list for you.",
      reasoning: "",
      toolCalls: [{ id: "toolu_01QE1WLsSVp5hy5Q3GmGTmjP", type: "function", name: "updateIssueList", arguments: "{}" }],
      finishReasons: ["tool_calls"],
    });
    expect(translator.usage).toEqual({ promptTokens: 565, completionTokens: 48, ...noCache });
  });

  it("numbers several tool calls 0, 1, … whatever their block index", () => {
    const block = (index: number, id: string) => ({ event: null, data: { type: "content_block_start", index, content_block: { type: "tool_use", id, name: "f", input: {} } } });
    const args = (index: number, partial_json: string) => ({ event: null, data: { type: "content_block_delta", index, delta: { type: "input_json_delta", partial_json } } });
    const { got } = replay([
      { event: null, data: { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } } },
      block(1, "toolu_a"),
      args(1, '{"x":'),
      block(2, "toolu_b"),
      args(1, "1}"),
      args(2, '{"x":2}'),
      { event: null, data: { type: "message_delta", delta: { stop_reason: "tool_use" }, usage: { output_tokens: 9 } } },
    ]);
    expect(got.toolCalls).toEqual([
      { id: "toolu_a", type: "function", name: "f", arguments: '{"x":1}' },
      { id: "toolu_b", type: "function", name: "f", arguments: '{"x":2}' },
    ]);
  });

  it("streams the forced json_object answer tool as content, finishing with stop", () => {
    const events = recordedStream("vercel-anthropic-json-tool-stream.1.chunks.txt").map((e) => {
      const data = e.data as any;
      return data.type === "content_block_start" ? { ...e, data: { ...data, content_block: { ...data.content_block, name: JSON_ANSWER_TOOL } } } : e;
    });
    const { chunks, got } = replay(events);
    expectOpenAIChunkShape(chunks);
    expect(got.toolCalls).toEqual([]);
    expect(JSON.parse(got.content)).toEqual({ elements: [{ location: "San Francisco", temperature: 58, condition: "sunny" }] });
    expect(got.finishReasons).toEqual(["stop"]);
  });

  it("trap 9: an overloaded_error event after a 200 sets the error and keeps the usage so far", () => {
    const payload = JSON.parse(readFileSync(wireFixture("anthropic/issue-anthropic-stream-error-event-overloaded.json"), "utf8"));
    const events = recordedStream("vercel-anthropic-text-stream.chunks.txt").slice(0, 5);
    const translator = new AnthropicStreamTranslator(ident);
    const before = feed(translator, events);
    expect(assemble(before).content).toBe("Hello! I");
    expect(translator.push({ event: "error", data: payload })).toEqual([]);
    expect(translator.error).toEqual({ message: "Overloaded", type: "overloaded_error", code: null });
    expect(translator.finished).toBe(false);
    expect(translator.usage).toEqual({ promptTokens: 12, completionTokens: 1, ...noCache });
    expect(translator.push({ event: null, data: { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "more" } } })).toEqual([]);
  });

  it("trap 9: recognises the error event by its payload type alone", () => {
    const translator = new AnthropicStreamTranslator(ident);
    translator.push({ event: null, data: { type: "error", error: { type: "api_error", message: "Internal server error" } } });
    expect(translator.error).toEqual({ message: "Internal server error", type: "api_error", code: null });
  });

  it("trap 12: ignores pings, unknown events and unparseable data without crashing", () => {
    const translator = new AnthropicStreamTranslator(ident);
    expect(translator.push({ event: "ping", data: { type: "ping" } })).toEqual([]);
    expect(translator.push({ event: "brand_new", data: { type: "brand_new", stuff: [1] } })).toEqual([]);
    expect(translator.push({ event: null, data: undefined })).toEqual([]);
    expect(translator.push({ event: null, data: { type: "content_block_delta", index: 7, delta: { type: "citations_delta", citation: {} } } })).toEqual([]);
    expect(translator.usage).toBeNull();
    expect(translator.model).toBeNull();
  });

  it("ends with finish reason stop at message_stop when no stop_reason came", () => {
    const { got, translator } = replay([
      { event: null, data: { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "hi" } } },
      { event: null, data: { type: "message_stop" } },
    ]);
    expect(got).toMatchObject({ content: "hi", finishReasons: ["stop"] });
    expect(translator.finished).toBe(true);
  });

  it("maps max_tokens to length", () => {
    const { got } = replay([{ event: null, data: { type: "message_delta", delta: { stop_reason: "max_tokens" }, usage: { output_tokens: 5 } } }]);
    expect(got.finishReasons).toEqual(["length"]);
  });
});
