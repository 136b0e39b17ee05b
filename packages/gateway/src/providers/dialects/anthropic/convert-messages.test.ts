import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { wireFixture } from "../../../testing/fixtures.js";
import { convertMessages } from "./convert-messages.js";

const recordedRequest = (name: string) => JSON.parse(readFileSync(wireFixture(`anthropic/${name}`), "utf8"));

/** Drops pydantic-ai's `is_error: false`, which OpenAI's tool messages have no way to say. */
const withoutIsError = (messages: any[]) =>
  messages.map((m) => ({ ...m, content: m.content.map(({ is_error: _, ...block }: any) => block) }));

describe("converting messages", () => {
  it("rebuilds the recorded parallel tool round trip: tool_use inputs parsed, tool results joined in one user turn", () => {
    const recorded = recordedRequest("pyd-anthropic-parallel-tool-use.i1.request.json");
    const [user, assistant] = recorded.messages;
    const toolUses = assistant.content.filter((b: any) => b.type === "tool_use");
    const openai = [
      { role: "system", content: recorded.system },
      { role: "user", content: user.content[0].text },
      {
        role: "assistant",
        content: assistant.content[0].text,
        tool_calls: toolUses.map((b: any) => ({ id: b.id, type: "function", function: { name: b.name, arguments: JSON.stringify(b.input) } })),
      },
      ...recorded.messages[2].content.map((r: any) => ({ role: "tool", tool_call_id: r.tool_use_id, content: r.content })),
    ];
    const converted = convertMessages(openai);
    expect(converted.system).toEqual([{ type: "text", text: recorded.system }]);
    expect(converted.messages).toEqual(withoutIsError(recorded.messages));
  });

  it("sends an assistant turn with a no-argument tool call as tool_use with an empty input", () => {
    const recorded = recordedRequest("pyd-anthropic-tool-with-thinking.i1.request.json");
    const call = recorded.messages[1].content[2];
    const converted = convertMessages([
      { role: "user", content: "What is the largest city in the user country?" },
      { role: "assistant", content: null, tool_calls: [{ id: call.id, type: "function", function: { name: call.name, arguments: "" } }] },
      { role: "tool", tool_call_id: call.id, content: "Mexico" },
    ]);
    expect(converted.messages[1]).toEqual({ role: "assistant", content: [call] });
    expect(converted.messages[2]).toEqual({ role: "user", content: [{ type: "tool_result", tool_use_id: call.id, content: "Mexico" }] });
  });

  it("collects system and developer messages into the system prompt, in order", () => {
    const converted = convertMessages([
      { role: "system", content: "Be brief." },
      { role: "developer", content: [{ type: "text", text: "Answer in French." }] },
      { role: "user", content: "hi" },
    ]);
    expect(converted.system).toEqual([
      { type: "text", text: "Be brief." },
      { type: "text", text: "Answer in French." },
    ]);
    expect(converted.messages).toEqual([{ role: "user", content: [{ type: "text", text: "hi" }] }]);
  });

  it("does not send back reasoning_content, which Anthropic needs signed", () => {
    const converted = convertMessages([
      { role: "user", content: "hi" },
      { role: "assistant", content: "hello", reasoning_content: "the user greets me" },
    ]);
    expect(converted.messages[1]).toEqual({ role: "assistant", content: [{ type: "text", text: "hello" }] });
  });

  it("refuses what it cannot translate, naming the field", () => {
    expect(() => convertMessages([])).toThrow(/non-empty/);
    expect(() => convertMessages([{ role: "function", name: "f", content: "x" }])).toThrow(/messages\[0\]\.role/);
    expect(() => convertMessages([{ role: "assistant", function_call: { name: "f", arguments: "{}" } }])).toThrow(/function_call/);
    expect(() => convertMessages([{ role: "assistant", tool_calls: [{ id: "c1", type: "function", function: { name: "f", arguments: "{oops" } }] }])).toThrow(
      /messages\[0\]\.tool_calls\[0\]\.function\.arguments is not valid JSON/,
    );
    expect(() => convertMessages([{ role: "assistant", tool_calls: [{ id: "c1", type: "function", function: { name: "f", arguments: "[1]" } }] }])).toThrow(/JSON object/);
    expect(() => convertMessages([{ role: "tool", content: "x" }])).toThrow(/tool_call_id/);
  });
});
