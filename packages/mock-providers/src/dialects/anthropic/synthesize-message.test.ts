import { describe, expect, it } from "vitest";
import { synthesizeMessage, synthesizeMessageStream } from "./synthesize-message.js";

const request = { model: "claude-mock", max_tokens: 100, system: "Be brief.", messages: [{ role: "user", content: "What is 2+2?" }] };

describe("synthesizeMessage", () => {
  it("is a Messages API message echoing the question, with usage that counts the system prompt", () => {
    const message = synthesizeMessage(request, "msg_test");
    expect(message).toMatchObject({ id: "msg_test", type: "message", role: "assistant", model: "claude-mock", stop_reason: "end_turn", stop_sequence: null });
    expect(message.content[0]!.text).toContain('You asked: "What is 2+2?"');
    const withoutSystem = synthesizeMessage({ ...request, system: undefined });
    expect(message.usage.input_tokens).toBe(withoutSystem.usage.input_tokens + 3);
  });

  it("stops at max_tokens", () => {
    expect(synthesizeMessage({ ...request, max_tokens: 3 })).toMatchObject({ stop_reason: "max_tokens", usage: { output_tokens: 3 } });
  });
});

describe("synthesizeMessageStream", () => {
  it("follows Anthropic's event order and its deltas rebuild the message", () => {
    const events = synthesizeMessageStream(request, "msg_test");
    const types = events.map((e) => e.type);
    expect(types.slice(0, 3)).toEqual(["message_start", "content_block_start", "ping"]);
    expect(types.slice(-3)).toEqual(["content_block_stop", "message_delta", "message_stop"]);
    const text = events
      .filter((e) => e.type === "content_block_delta")
      .map((e) => (e.delta as { text: string }).text)
      .join("");
    const message = synthesizeMessage(request, "msg_test");
    expect(text).toBe(message.content[0]!.text);
    expect(events[0]).toMatchObject({ message: { id: "msg_test", content: [], stop_reason: null, usage: { output_tokens: 1 } } });
    expect(events.at(-2)).toMatchObject({ delta: { stop_reason: "end_turn" }, usage: { output_tokens: message.usage.output_tokens } });
  });
});
