import { describe, expect, it } from "vitest";
import { CandidateStream } from "./candidate-stream.js";

describe("one streamed candidate", () => {
  it("puts the role on the first delta only and skips empty text", () => {
    const stream = new CandidateStream();
    expect(stream.read({ content: { parts: [{ text: "" }, { text: "Hi" }] } })).toEqual([{ delta: { role: "assistant", content: "Hi" }, finishReason: null }]);
    expect(stream.read({ content: { parts: [{ text: " there" }] } })).toEqual([{ delta: { content: " there" }, finishReason: null }]);
  });
  it("sends thought text as reasoning_content", () => {
    expect(new CandidateStream().read({ content: { parts: [{ text: "hmm", thought: true }] } })).toEqual([{ delta: { role: "assistant", reasoning_content: "hmm" }, finishReason: null }]);
  });
  it("carries the role on a finish that comes first", () => {
    const stream = new CandidateStream();
    expect(stream.read({ finishReason: "SAFETY" })).toEqual([{ delta: { role: "assistant" }, finishReason: "content_filter" }]);
    expect(stream.finished).toBe(true);
  });
  it("sends a finish reason once even when later chunks repeat it", () => {
    const stream = new CandidateStream();
    stream.read({ content: { parts: [{ text: "a" }] }, finishReason: "STOP" });
    expect(stream.read({ content: { parts: [{ text: "b" }] }, finishReason: "STOP" })).toEqual([{ delta: { content: "b" }, finishReason: null }]);
  });
  it("closes a call still streaming its arguments when the finish comes", () => {
    const stream = new CandidateStream();
    stream.read({ content: { parts: [{ functionCall: { name: "f", willContinue: true } }] } });
    stream.read({ content: { parts: [{ functionCall: { partialArgs: [{ jsonPath: "$.q", stringValue: "x", willContinue: true }], willContinue: true } }] } });
    const end = stream.read({ finishReason: "STOP" });
    expect(end).toEqual([
      { delta: { tool_calls: [{ index: 0, function: { arguments: '{"q":"x"}' } }] }, finishReason: null },
      { delta: {}, finishReason: "tool_calls" },
    ]);
  });
  it("closes one streamed call when the next call starts", () => {
    const stream = new CandidateStream();
    stream.read({ content: { parts: [{ functionCall: { name: "f", willContinue: true } }] } });
    const next = stream.read({ content: { parts: [{ functionCall: { name: "g", args: { a: 1 } } }] } });
    expect(next.map((d) => d.delta.tool_calls?.[0]?.function)).toEqual([{ arguments: "{}" }, { name: "g", arguments: '{"a":1}' }]);
    expect(next[1]!.delta.tool_calls![0]!.index).toBe(1);
  });
  it("ignores argument pieces that belong to no call", () => {
    expect(new CandidateStream().read({ content: { parts: [{ functionCall: { partialArgs: [{ jsonPath: "$.a", stringValue: "x" }] } }, { functionCall: {} }] } })).toEqual([]);
  });
});
