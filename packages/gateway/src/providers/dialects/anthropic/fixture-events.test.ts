import { describe, expect, it } from "vitest";
import { assemble, chunkLineEvents, sseEvents } from "./fixture-events.js";

describe("test support for recorded streams", () => {
  it("splits raw SSE into named events, tolerating padded data lines and CRLF", () => {
    const text = 'event: ping\ndata: {"type": "ping"}   \n\nevent: message_stop\r\ndata: {"type":"message_stop"}\r\n\r\n';
    expect(sseEvents(text)).toEqual([
      { event: "ping", data: { type: "ping" } },
      { event: "message_stop", data: { type: "message_stop" } },
    ]);
  });

  it("reads one payload per line without event names", () => {
    expect(chunkLineEvents('{"type":"ping"}\n\n{"type":"message_stop"}\n')).toEqual([
      { event: null, data: { type: "ping" } },
      { event: null, data: { type: "message_stop" } },
    ]);
  });

  it("accumulates chunks the way an OpenAI client does", () => {
    const base = { id: "c", object: "chat.completion.chunk" as const, created: 1, model: "m" };
    const got = assemble([
      { ...base, choices: [{ index: 0, delta: { role: "assistant", content: "a" }, finish_reason: null, logprobs: null }] },
      { ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: "t", type: "function", function: { name: "f", arguments: "" } }] }, finish_reason: null, logprobs: null }] },
      { ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: "{}" } }] }, finish_reason: "tool_calls", logprobs: null }] },
    ]);
    expect(got).toEqual({ content: "a", reasoning: "", toolCalls: [{ id: "t", type: "function", name: "f", arguments: "{}" }], finishReasons: ["tool_calls"] });
  });
});
