import { describe, expect, it } from "vitest";
import type { JsonObject } from "./json-read.js";
import { readCandidate } from "./read-candidate.js";
import { googleJson } from "./test-fixtures.js";

const first = (name: string) => ((googleJson(name) as JsonObject).candidates as JsonObject[])[0]!;

describe("reading a candidate", () => {
  it("trap 11: keeps thought parts as reasoning and the function call as a tool call (fb-googleai-thinking-function-call-signature.json)", () => {
    const message = readCandidate(first("fb-googleai-thinking-function-call-signature.json"));
    expect(message.reasoning).toMatch(/^\*\*Thinking Through the New Year's Eve Calculation\*\*/);
    expect(message.content).toBeNull();
    expect(message.toolCalls.map((c) => c.function)).toEqual([{ name: "now", arguments: "{}" }]);
    expect(message.finishReason).toBe("tool_calls");
  });
  it("ignores a thought signature on a text part (vercel-google-text.json)", () => {
    const message = readCandidate(first("vercel-google-text.json"));
    expect(message).toEqual({ content: "There are **3** r's in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.", reasoning: null, toolCalls: [], finishReason: "stop" });
  });
  it("uses Gemini's call id when it sends one", () => {
    const message = readCandidate({ content: { parts: [{ functionCall: { id: "fc_1", name: "f", args: { a: 1 } } }] }, finishReason: "STOP" });
    expect(message.toolCalls).toEqual([{ id: "fc_1", type: "function", function: { name: "f", arguments: '{"a":1}' } }]);
  });
  it("gives empty content, not null, when a candidate has no parts (pyd-google-max-tokens-thinking-empty)", () => {
    expect(readCandidate(first("pyd-google-max-tokens-thinking-empty.i0.response.json"))).toEqual({ content: "", reasoning: null, toolCalls: [], finishReason: "length" });
  });
  it("trap 12: skips parts and fields it does not know", () => {
    expect(readCandidate({ content: { parts: [{ executableCode: { code: "1" } }, 7, { text: "ok", newField: true }] }, finishReason: "STOP", brandNew: {} }).content).toBe("ok");
  });
});
