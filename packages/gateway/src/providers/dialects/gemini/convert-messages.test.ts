import { describe, expect, it } from "vitest";
import { SKIPPED_THOUGHT_SIGNATURE } from "./convert-assistant-message.js";
import { convertMessages } from "./convert-messages.js";

const toolCall = (id: string, name: string, args = "{}") => ({ id, type: "function", function: { name, arguments: args } });

describe("converting messages", () => {
  it("moves system and developer messages into systemInstruction and maps roles to user/model", () => {
    const out = convertMessages([
      { role: "system", content: "You are terse." },
      { role: "user", content: "Hi" },
      { role: "assistant", content: "Hello." },
      { role: "developer", content: [{ type: "text", text: "Answer in French." }] },
      { role: "user", content: "Again" },
    ]);
    expect(out.systemInstruction).toEqual({ parts: [{ text: "You are terse." }, { text: "Answer in French." }] });
    expect(out.contents).toEqual([
      { role: "user", parts: [{ text: "Hi" }] },
      { role: "model", parts: [{ text: "Hello." }] },
      { role: "user", parts: [{ text: "Again" }] },
    ]);
  });

  it("puts consecutive tool results in one user content, named after their calls", () => {
    const out = convertMessages([
      { role: "user", content: "Weather in Paris and Rome?" },
      { role: "assistant", content: null, tool_calls: [toolCall("c1", "weather", '{"city":"Paris"}'), toolCall("c2", "weather", '{"city":"Rome"}')] },
      { role: "tool", tool_call_id: "c2", content: "sunny" },
      { role: "tool", tool_call_id: "c1", content: '{"sky":"rain"}' },
      { role: "user", content: "Thanks" },
    ]);
    expect(out.contents).toEqual([
      { role: "user", parts: [{ text: "Weather in Paris and Rome?" }] },
      {
        role: "model",
        parts: [
          { functionCall: { name: "weather", args: { city: "Paris" } }, thoughtSignature: SKIPPED_THOUGHT_SIGNATURE },
          { functionCall: { name: "weather", args: { city: "Rome" } } },
        ],
      },
      {
        role: "user",
        parts: [
          { functionResponse: { name: "weather", response: { output: "sunny" } } },
          { functionResponse: { name: "weather", response: { sky: "rain" } } },
        ],
      },
      { role: "user", parts: [{ text: "Thanks" }] },
    ]);
  });

  it("answers 400 for an unknown role, a tool result before its call, or no conversation", () => {
    expect(() => convertMessages([{ role: "function", name: "f", content: "x" }])).toThrow(/messages\[0\]\.role/);
    expect(() => convertMessages([{ role: "user", content: "x" }, { role: "tool", tool_call_id: "c1", content: "x" }])).toThrow(/messages\[1\]\.tool_call_id/);
    expect(() => convertMessages([{ role: "system", content: "only a prompt" }])).toThrow(/at least one user/);
    expect(() => convertMessages([])).toThrow(/non-empty/);
  });
});
