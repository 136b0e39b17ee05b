import { describe, expect, it } from "vitest";
import type { OpenAIChatChunk, UpstreamEvent } from "../dialect.js";
import { CohereStreamTranslator } from "./chat-stream.js";
import { recordedEvents } from "./recorded-fixtures.js";

const ident = { id: "chatcmpl-local", created: 1700000000, model: "command-a-03-2025" };
const usage = (promptTokens: number, completionTokens: number, cachedTokens = 0) => ({ promptTokens, completionTokens, cachedTokens, cacheWriteTokens: 0, reasoningTokens: 0 });

function run(events: UpstreamEvent[]) {
  const translator = new CohereStreamTranslator(ident);
  const chunks = events.flatMap((event) => translator.push(event));
  return { translator, chunks, ...assemble(chunks) };
}

/** What an OpenAI client builds from the chunks. */
function assemble(chunks: OpenAIChatChunk[]) {
  let content = "";
  let reasoning = "";
  const calls: Array<{ id: string; type: string; name: string; arguments: string }> = [];
  const finishReasons: string[] = [];
  for (const c of chunks) {
    const choice = c.choices[0]!;
    content += choice.delta.content ?? "";
    reasoning += choice.delta.reasoning_content ?? "";
    for (const d of choice.delta.tool_calls ?? []) {
      if (d.id !== undefined) calls[d.index] = { id: d.id, type: d.type!, name: d.function?.name ?? "", arguments: "" };
      else expect(d.function?.name).toBeUndefined();
      calls[d.index]!.arguments += d.function?.arguments ?? "";
    }
    if (choice.finish_reason) finishReasons.push(choice.finish_reason);
  }
  return { content, reasoning, calls, finishReasons };
}

describe("translating Cohere chat streams", () => {
  it("streams text with the role first, Cohere's id, one finish reason last and the billed usage", () => {
    const { translator, chunks, content, reasoning, finishReasons } = run(recordedEvents("vercel-cohere-text-stream.chunks.txt"));
    expect(content).toBe("The capital of France is Paris.");
    expect(reasoning).toBe("");
    expect(chunks[0]!.choices[0]!.delta).toEqual({ role: "assistant", content: "" });
    expect(chunks.filter((c) => c.choices[0]!.delta.role).length).toBe(1);
    expect(chunks.every((c) => c.id === "321d178c-2c12-44d3-ae42-2f5510f6b1cc" && c.model === "command-a-03-2025")).toBe(true);
    expect(finishReasons).toEqual(["stop"]);
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe("stop");
    expect(translator.finished).toBe(true);
    expect(translator.error).toBeNull();
    expect(translator.model).toBeNull();
    expect(translator.usage).toEqual(usage(12, 7));
  });

  it("trap 11: thinking deltas stream as reasoning_content before the text", () => {
    const { translator, content, reasoning, finishReasons } = run(recordedEvents("vercel-cohere-reasoning-stream.chunks.txt"));
    expect(reasoning).toBe(
      "The user is asking for the sum of 2 and 2. Since this is a straightforward arithmetic problem, I don't need to use any tools. I can calculate the answer directly.",
    );
    expect(content).toBe("The answer to 2 + 2 is 4.");
    expect(finishReasons).toEqual(["stop"]);
    expect(translator.usage).toEqual(usage(8, 50));
  });

  it("streams tool calls by index: id, type and name first, then argument fragments; the tool plan as reasoning", () => {
    const { translator, chunks, content, reasoning, calls, finishReasons } = run(recordedEvents("vercel-cohere-tool-call-stream.chunks.txt"));
    expect(reasoning).toBe("I will use the weather tool to find the weather in San Francisco and the cityAttractions tool to find attractions in San Francisco.");
    expect(content).toBe("");
    expect(calls).toEqual([
      { id: "weather_e8p4pn45zt0t", type: "function", name: "weather", arguments: '{"location": "San Francisco"}' },
      { id: "cityAttractions_pyxssbwnq9fq", type: "function", name: "cityAttractions", arguments: '{"city": "San Francisco"}' },
    ]);
    const fragments = chunks.flatMap((c) => c.choices[0]!.delta.tool_calls ?? []);
    expect(fragments[0]).toEqual({ index: 0, id: "weather_e8p4pn45zt0t", type: "function", function: { name: "weather", arguments: "" } });
    expect(fragments[1]).toEqual({ index: 0, function: { arguments: '{"' } });
    expect(finishReasons).toEqual(["tool_calls"]);
    // trap 3: cached 1504 of 1549 processed, 1430 of them unbilled template: 74 billed tokens came from the cache.
    expect(translator.usage).toEqual(usage(119, 44, 74));
  });

  it('trap 8: a streamed tool call with empty arguments ends with "{}"', () => {
    const { translator, calls, finishReasons } = run(recordedEvents("vercel-cohere-empty-tool-call-stream.chunks.txt"));
    expect(calls).toEqual([{ id: "currentTime_y46ar19t5gvw", type: "function", name: "currentTime", arguments: "{}" }]);
    expect(finishReasons).toEqual(["tool_calls"]);
    expect(translator.usage).toEqual(usage(46, 14));
  });

  it('trap 8: streamed "null" arguments and calls that never end still give "{}"', () => {
    const { calls } = run([
      { event: "tool-call-start", data: { type: "tool-call-start", index: 0, delta: { message: { tool_calls: { id: "t1", type: "function", function: { name: "now", arguments: "" } } } } } },
      { event: "tool-call-delta", data: { type: "tool-call-delta", index: 0, delta: { message: { tool_calls: { function: { arguments: "nu" } } } } } },
      { event: "tool-call-delta", data: { type: "tool-call-delta", index: 0, delta: { message: { tool_calls: { function: { arguments: "ll" } } } } } },
      { event: "tool-call-start", data: { type: "tool-call-start", index: 1, delta: { message: { tool_calls: { id: "t2", type: "function", function: { name: "later" } } } } } },
      { event: "message-end", data: { type: "message-end", delta: { finish_reason: "TOOL_CALL" } } },
    ]);
    expect(calls).toEqual([
      { id: "t1", type: "function", name: "now", arguments: "{}" },
      { id: "t2", type: "function", name: "later", arguments: "{}" },
    ]);
  });

  it("trap 9: a message-end with ERROR ends the stream with an error, not a finish reason", () => {
    const { translator, finishReasons, content } = run([
      { event: "message-start", data: { type: "message-start", id: "m1" } },
      { event: "content-delta", data: { type: "content-delta", index: 0, delta: { message: { content: { text: "Part" } } } } },
      { event: "message-end", data: { type: "message-end", delta: { finish_reason: "ERROR", error: "internal failure", usage: { billed_units: { input_tokens: 3, output_tokens: 1 } } } } },
      { event: "content-delta", data: { type: "content-delta", index: 0, delta: { message: { content: { text: "late" } } } } },
    ]);
    expect(content).toBe("Part");
    expect(finishReasons).toEqual([]);
    expect(translator.finished).toBe(false);
    expect(translator.error).toEqual({ message: "internal failure", type: "api_error", code: "upstream_generation_error" });
    expect(translator.usage).toEqual(usage(3, 1));
  });

  it("trap 9: TIMEOUT and error events end the stream with an error", () => {
    const timeout = run([{ event: "message-end", data: { type: "message-end", delta: { finish_reason: "TIMEOUT" } } }]);
    expect(timeout.translator.error).toMatchObject({ type: "api_error", code: "upstream_timeout" });
    const event = run([{ event: "error", data: { message: "stream broke" } }]);
    expect(event.translator.error).toMatchObject({ message: "stream broke", type: "api_error" });
  });

  it("trap 12: ignores citation events, unknown events and payloads that are not JSON objects", () => {
    const { chunks, content, finishReasons } = run([
      { event: "message-start", data: { type: "message-start", id: "m2", delta: { message: { role: "assistant" } } } },
      { event: "citation-start", data: { type: "citation-start", index: 0, delta: { message: { citations: { start: 0, end: 2, text: "Hi" } } } } },
      { event: "citation-end", data: { type: "citation-end", index: 0 } },
      { event: "debug", data: { type: "debug", prompt: "..." } },
      { event: "content-delta", data: undefined },
      { event: "content-delta", data: { type: "content-delta", delta: { message: { content: { text: "Hi" } } } } },
      { event: "message-end", data: { type: "message-end", delta: { finish_reason: "COMPLETE" } } },
    ]);
    expect(content).toBe("Hi");
    expect(finishReasons).toEqual(["stop"]);
    expect(chunks.length).toBe(3);
  });

  it("sends the role with the first delta when there was no message-start, and reads the type from the event name", () => {
    const { chunks } = run([{ event: "content-delta", data: { delta: { message: { content: { text: "x" } } } } }]);
    expect(chunks[0]!.choices[0]!.delta).toEqual({ role: "assistant", content: "x" });
    expect(chunks[0]!.id).toBe("chatcmpl-local");
  });

  it("trap 7 and 10: later deltas never repeat or blank a name, and Cohere's extra fields never leak", () => {
    const { chunks } = run([
      { event: "tool-call-start", data: { type: "tool-call-start", index: 0, p: "pad", delta: { message: { tool_calls: { id: "t1", type: "function", function: { name: "f", arguments: "" } } } } } },
      { event: "tool-call-delta", data: { type: "tool-call-delta", index: 0, delta: { message: { tool_calls: { id: "", function: { name: "", arguments: "{}" } } } } } },
    ]);
    expect(chunks.map((c) => c.choices[0]!.delta)).toEqual([
      { role: "assistant", tool_calls: [{ index: 0, id: "t1", type: "function", function: { name: "f", arguments: "" } }] },
      { tool_calls: [{ index: 0, function: { arguments: "{}" } }] },
    ]);
    expect(Object.keys(chunks[0]!).sort()).toEqual(["choices", "created", "id", "model", "object"]);
  });

  it("separates thinking from a following tool plan", () => {
    const { reasoning } = run([
      { event: "content-delta", data: { type: "content-delta", delta: { message: { content: { thinking: "Think." } } } } },
      { event: "tool-plan-delta", data: { type: "tool-plan-delta", delta: { message: { tool_plan: "Plan." } } } },
    ]);
    expect(reasoning).toBe("Think.\n\nPlan.");
  });
});
