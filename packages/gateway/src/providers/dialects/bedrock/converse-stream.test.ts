import { describe, expect, it } from "vitest";
import type { OpenAIChatChunk, UpstreamEvent } from "../dialect.js";
import { ConverseStreamTranslator } from "./converse-stream.js";
import { DECODE_ERROR_EVENT } from "./event-stream-decoder.js";
import { eventStreamFixtureEvents, vercelChunkEvents } from "./fixture-events.js";

const ident = { id: "chatcmpl-test", created: 1700000000, model: "us.amazon.nova-micro-v1:0" };

interface Assembled {
  chunks: OpenAIChatChunk[];
  text: string;
  reasoning: string;
  toolCalls: Array<{ id?: string; name?: string; arguments: string }>;
  finishReasons: string[];
  translator: ConverseStreamTranslator;
}

/** Feeds every event and rebuilds what an OpenAI client would see. */
function run(events: UpstreamEvent[]): Assembled {
  const translator = new ConverseStreamTranslator(ident);
  const chunks = events.flatMap((e) => translator.push(e));
  const out: Assembled = { chunks, text: "", reasoning: "", toolCalls: [], finishReasons: [], translator };
  for (const c of chunks) {
    const choice = c.choices[0]!;
    out.text += choice.delta.content ?? "";
    out.reasoning += choice.delta.reasoning_content ?? "";
    for (const call of choice.delta.tool_calls ?? []) {
      const slot = (out.toolCalls[call.index] ??= { arguments: "" });
      if (call.id !== undefined) slot.id = call.id;
      if (call.function?.name !== undefined) slot.name = call.function.name;
      slot.arguments += call.function?.arguments ?? "";
    }
    if (choice.finish_reason) out.finishReasons.push(choice.finish_reason);
  }
  return out;
}

describe("translating a ConverseStream", () => {
  it("streams text, then the finish reason, and keeps usage from metadata (pyd-bedrock-converse-stream-binary)", () => {
    const r = run(eventStreamFixtureEvents("pyd-bedrock-converse-stream-binary.i0.response.eventstream.jsonl"));
    expect(r.text).toBe(
      'The capital of France is Paris. Paris is not only the capital city but also the most populous city in France, and it is a major center for culture, commerce, fashion, and international diplomacy. Known for its historical landmarks, such as the Eiffel Tower, the Louvre Museum, and Notre-Dame Cathedral, Paris is often referred to as "The City of Light" or "The City of Love."',
    );
    expect(r.chunks[0]!.choices[0]!.delta).toEqual({ role: "assistant", content: "" });
    expect(r.chunks.filter((c) => c.choices[0]!.delta.role)).toHaveLength(1);
    expect(r.finishReasons).toEqual(["stop"]);
    expect(r.chunks.at(-1)!.choices[0]).toEqual({ index: 0, delta: {}, finish_reason: "stop", logprobs: null });
    expect(r.translator.usage).toEqual({ promptTokens: 13, completionTokens: 82, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 });
    expect(r.translator.finished).toBe(true);
    expect(r.translator.error).toBeNull();
    expect(r.translator.model).toBeNull();
    for (const c of r.chunks) expect(c).toMatchObject({ id: "chatcmpl-test", object: "chat.completion.chunk", created: 1700000000, model: "us.amazon.nova-micro-v1:0" });
  });

  it("streams a tool call with its id, name and argument JSON at index 0 after text (pyd-bedrock-iter-stream-binary i0)", () => {
    const r = run(eventStreamFixtureEvents("pyd-bedrock-iter-stream-binary.i0.response.eventstream.jsonl"));
    expect(r.text).toBe(
      '<thinking> To find the temperature of the capital of France, I need to first determine the capital of France and then get the current temperature in that city. The capital of France is Paris. I will use the "get_temperature" tool to find the current temperature in Paris.</thinking>\n',
    );
    expect(r.toolCalls).toEqual([{ id: "tooluse_lAG_zP8QRHmSYOwZzzaCqA", name: "get_temperature", arguments: '{"city":"Paris"}' }]);
    const first = r.chunks.find((c) => c.choices[0]!.delta.tool_calls)!;
    expect(first.choices[0]!.delta.tool_calls).toEqual([{ index: 0, id: "tooluse_lAG_zP8QRHmSYOwZzzaCqA", type: "function", function: { name: "get_temperature" } }]);
    expect(r.finishReasons).toEqual(["tool_calls"]);
    expect(r.translator.usage).toEqual({ promptTokens: 471, completionTokens: 91, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 });
  });

  it("streams the answer after the tool result (pyd-bedrock-iter-stream-binary i1)", () => {
    const r = run(eventStreamFixtureEvents("pyd-bedrock-iter-stream-binary.i1.response.eventstream.jsonl"));
    expect(r.text).toBe("The current temperature in Paris, the capital of France, is 30°C.");
    expect(r.toolCalls).toEqual([]);
    expect(r.finishReasons).toEqual(["stop"]);
    expect(r.translator.usage).toEqual({ promptTokens: 577, completionTokens: 18, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 });
  });

  it("trap 11: streams reasoningContent deltas as reasoning_content and drops the signature (pyd-bedrock-thinking-stream-binary)", () => {
    const r = run(eventStreamFixtureEvents("pyd-bedrock-thinking-stream-binary.i0.response.eventstream.jsonl"));
    expect(r.reasoning).toBe(
      'The user has greeted me with a simple "Hello". I should respond in a friendly and welcoming manner. This is a straightforward greeting, so I\'ll respond warmly and ask how I can help them today.',
    );
    expect(r.text).toBe("Hello! It's nice to meet you. How can I help you today?");
    expect(JSON.stringify(r.chunks)).not.toContain("Eu0CCkgIBxAB");
    expect(r.finishReasons).toEqual(["stop"]);
    expect(r.translator.usage).toEqual({ promptTokens: 36, completionTokens: 73, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 });
  });

  it("sends nothing for empty text deltas (pyd-bedrock-stream-empty-text-delta)", () => {
    const r = run(eventStreamFixtureEvents("pyd-bedrock-stream-empty-text-delta.i0.response.eventstream.jsonl"));
    expect(r.reasoning).toBe('The user just says "Hi". We need to respond appropriately, friendly greeting. No special instructions. Should be short.');
    expect(r.text).toBe("Hello! How can I help you today?");
    // role chunk, one reasoning delta, two text deltas, the finish chunk
    expect(r.chunks).toHaveLength(5);
    expect(r.translator.usage).toEqual({ promptTokens: 70, completionTokens: 43, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 });
  });

  it("trap 10: no padding `p` from any recorded stream reaches a chunk", () => {
    for (const name of [
      "pyd-bedrock-converse-stream-binary.i0.response.eventstream.jsonl",
      "pyd-bedrock-iter-stream-binary.i0.response.eventstream.jsonl",
      "pyd-bedrock-iter-stream-binary.i1.response.eventstream.jsonl",
      "pyd-bedrock-thinking-stream-binary.i0.response.eventstream.jsonl",
      "pyd-bedrock-stream-empty-text-delta.i0.response.eventstream.jsonl",
    ]) {
      const text = JSON.stringify(run(eventStreamFixtureEvents(name)).chunks);
      expect(text).not.toContain('"p"');
      expect(text).not.toContain("abcdefghij");
    }
  });

  it("translates the Vercel text stream (vercel-bedrock-text-stream)", () => {
    const r = run(vercelChunkEvents("vercel-bedrock-text-stream.chunks.txt"));
    expect(r.text).toBe('Let me count the "r"s in "strawberry":\n\ns-t-**r**-a-w-b-e-**r**-**r**-y\n\nThere are **3** r\'s in "strawberry."');
    expect(r.finishReasons).toEqual(["stop"]);
    expect(r.translator.usage).toEqual({ promptTokens: 22, completionTokens: 55, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 });
  });

  it("trap 11: translates the Vercel reasoning stream, ignoring the signature and additionalModelResponseFields (vercel-bedrock-reasoning-stream)", () => {
    const r = run(vercelChunkEvents("vercel-bedrock-reasoning-stream.chunks.txt"));
    expect(r.reasoning).toBe('Let me count the r\'s in "strawberry":\n\ns-t-r-a-w-b-e-r-r-y\n\nr appears at positions 3, 8, and 9.\n\nSo there are 3 r\'s.');
    expect(r.text).toBe('There are **3** r\'s in "strawberry":\n\n1. st**r**awbe**r****r**y');
    expect(JSON.stringify(r.chunks)).not.toContain("Ep0CCkgI");
    expect(r.finishReasons).toEqual(["stop"]);
    expect(r.translator.usage).toEqual({ promptTokens: 51, completionTokens: 94, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 });
  });

  it("numbers parallel tool calls from 0 whatever their content block index, and streams argument fragments", () => {
    const events: UpstreamEvent[] = [
      { event: "messageStart", messageType: "event", data: { role: "assistant" } },
      { event: "contentBlockStart", messageType: "event", data: { contentBlockIndex: 1, start: { toolUse: { toolUseId: "tu_a", name: "get_weather" } } } },
      { event: "contentBlockDelta", messageType: "event", data: { contentBlockIndex: 1, delta: { toolUse: { input: '{"city":' } } } },
      { event: "contentBlockDelta", messageType: "event", data: { contentBlockIndex: 1, delta: { toolUse: { input: '"Paris"}' } } } },
      { event: "contentBlockStop", messageType: "event", data: { contentBlockIndex: 1 } },
      { event: "contentBlockStart", messageType: "event", data: { contentBlockIndex: 2, start: { toolUse: { toolUseId: "tu_b", name: "get_time" } } } },
      { event: "contentBlockDelta", messageType: "event", data: { contentBlockIndex: 2, delta: { toolUse: { input: '{"tz":"CET"}' } } } },
      { event: "contentBlockStop", messageType: "event", data: { contentBlockIndex: 2 } },
      { event: "messageStop", messageType: "event", data: { stopReason: "tool_use" } },
    ];
    const r = run(events);
    expect(r.toolCalls).toEqual([
      { id: "tu_a", name: "get_weather", arguments: '{"city":"Paris"}' },
      { id: "tu_b", name: "get_time", arguments: '{"tz":"CET"}' },
    ]);
    const fragments = r.chunks.flatMap((c) => c.choices[0]!.delta.tool_calls ?? []).filter((t) => t.id === undefined);
    expect(fragments).toEqual([
      { index: 0, function: { arguments: '{"city":' } },
      { index: 0, function: { arguments: '"Paris"}' } },
      { index: 1, function: { arguments: '{"tz":"CET"}' } },
    ]);
    expect(r.finishReasons).toEqual(["tool_calls"]);
  });

  it("trap 8: a tool call without input deltas gets arguments {}", () => {
    const r = run([
      { event: "contentBlockStart", messageType: "event", data: { contentBlockIndex: 0, start: { toolUse: { toolUseId: "tu_1", name: "ping" } } } },
      { event: "contentBlockDelta", messageType: "event", data: { contentBlockIndex: 0, delta: { toolUse: { input: "" } } } },
      { event: "contentBlockStop", messageType: "event", data: { contentBlockIndex: 0 } },
      { event: "messageStop", messageType: "event", data: { stopReason: "tool_use" } },
    ]);
    expect(r.toolCalls).toEqual([{ id: "tu_1", name: "ping", arguments: "{}" }]);
    expect(r.chunks[0]!.choices[0]!.delta.role).toBe("assistant");
  });

  it("gives a made-up id to tool input whose block never started", () => {
    const r = run([{ event: "contentBlockDelta", messageType: "event", data: { contentBlockIndex: 3, delta: { toolUse: { input: "{}" } } } }]);
    expect(r.toolCalls[0]!.id).toMatch(/^call_/);
    expect(r.toolCalls[0]!.arguments).toBe("{}");
  });

  it("trap 9: an exception after HTTP 200 sets the error and stops translating", () => {
    const events = eventStreamFixtureEvents("pyd-bedrock-iter-stream-binary.i1.response.eventstream.jsonl").slice(0, 3);
    const translator = new ConverseStreamTranslator(ident);
    for (const e of events) translator.push(e);
    expect(translator.push({ event: "modelStreamErrorException", messageType: "exception", data: { message: "The model stream failed.", originalStatusCode: 500 } })).toEqual([]);
    expect(translator.error).toEqual({ message: "The model stream failed.", type: "api_error", code: "modelStreamErrorException" });
    expect(translator.finished).toBe(false);
    expect(translator.push({ event: "contentBlockDelta", messageType: "event", data: { contentBlockIndex: 0, delta: { text: "more" } } })).toEqual([]);
  });

  it("trap 9: throttling mid-stream becomes a rate_limit_error, and a broken byte stream an api_error", () => {
    const throttled = new ConverseStreamTranslator(ident);
    throttled.push({ event: "throttlingException", messageType: "exception", data: { message: "Too many tokens, please wait before trying again." } });
    expect(throttled.error).toMatchObject({ type: "rate_limit_error", code: "throttlingException" });
    const broken = new ConverseStreamTranslator(ident);
    broken.push({ event: DECODE_ERROR_EVENT, messageType: "exception", data: { message: "cut" } });
    expect(broken.error).toEqual({ message: "cut", type: "api_error", code: DECODE_ERROR_EVENT });
  });

  it("trap 12: ignores unknown events and unknown delta kinds", () => {
    const r = run([
      { event: "messageStart", messageType: "event", data: { role: "assistant" } },
      { event: "somethingNew", messageType: "event", data: { x: 1 } },
      { event: "contentBlockDelta", messageType: "event", data: { contentBlockIndex: 0, delta: { citation: { title: "t" } } } },
      { event: "contentBlockDelta", messageType: "event", data: undefined },
      { event: "metadata", messageType: "event", data: { metrics: { latencyMs: 1 } } },
    ]);
    expect(r.chunks).toHaveLength(1);
    expect(r.translator.usage).toBeNull();
  });
});
