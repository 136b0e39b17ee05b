import { describe, expect, it } from "vitest";
import { synthesizeConverse, synthesizeConverseStream } from "./synthesize-converse.js";

const request = { messages: [{ role: "user", content: [{ text: "Hi there" }] }], system: [{ text: "Be brief." }] };

describe("Converse", () => {
  it("answers with Bedrock's output, stop reason, usage and metrics", () => {
    const answer = synthesizeConverse(request);
    expect(answer).toMatchObject({ stopReason: "end_turn", metrics: { latencyMs: 42 } });
    expect(answer.output.message.content[0]!.text).toContain('You asked: "Hi there"');
    expect(answer.usage.totalTokens).toBe(answer.usage.inputTokens + answer.usage.outputTokens);
  });

  it("honours inferenceConfig.maxTokens", () => {
    expect(synthesizeConverse({ ...request, inferenceConfig: { maxTokens: 2 } })).toMatchObject({ stopReason: "max_tokens", usage: { outputTokens: 2 } });
  });

  it("streams the same answer with a padding field on every event", () => {
    const events = synthesizeConverseStream(request);
    const answer = synthesizeConverse(request);
    const text = events.filter((e) => e.eventType === "contentBlockDelta").map((e) => (e.payload.delta as { text: string }).text).join("");
    expect(text).toBe(answer.output.message.content[0]!.text);
    expect(events.at(-1)!.payload).toMatchObject({ usage: answer.usage });
    expect(new Set(events.map((e) => e.payload.p)).size).toBeGreaterThan(1);
  });
});
