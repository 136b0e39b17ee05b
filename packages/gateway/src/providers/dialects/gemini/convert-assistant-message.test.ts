import { describe, expect, it } from "vitest";
import { assistantContent, SKIPPED_THOUGHT_SIGNATURE } from "./convert-assistant-message.js";

const call = (id: string, name: string, args: unknown) => ({ id, type: "function", function: { name, arguments: args } });

describe("assistant messages", () => {
  it("writes text then function calls, with the stand-in signature on the first call only", () => {
    const names = new Map<string, string>();
    const content = assistantContent(
      { role: "assistant", content: "Checking both.", tool_calls: [call("call_1", "sum", '{"x":2,"y":1}'), call("call_2", "sum", '{"x":4}')] },
      "messages[1]",
      names,
    );
    expect(content).toEqual({
      role: "model",
      parts: [
        { text: "Checking both." },
        { functionCall: { name: "sum", args: { x: 2, y: 1 } }, thoughtSignature: SKIPPED_THOUGHT_SIGNATURE },
        { functionCall: { name: "sum", args: { x: 4 } } },
      ],
    });
    expect([...names]).toEqual([["call_1", "sum"], ["call_2", "sum"]]);
  });
  it("reads empty arguments as {}", () => {
    const content = assistantContent({ content: null, tool_calls: [call("a", "now", ""), call("b", "now", undefined)] }, "m", new Map());
    expect(content?.parts.map((p) => p.functionCall?.args)).toEqual([{}, {}]);
  });
  it("leaves out an empty message", () => {
    expect(assistantContent({ role: "assistant", content: "" }, "m", new Map())).toBeNull();
    expect(assistantContent({ role: "assistant", content: null, tool_calls: [] }, "m", new Map())).toBeNull();
  });
  it("answers 400 naming the field for arguments that are not a JSON object", () => {
    expect(() => assistantContent({ tool_calls: [call("a", "f", "[1,2]")] }, "messages[3]", new Map())).toThrow(/messages\[3\]\.tool_calls\[0\]\.function\.arguments/);
    expect(() => assistantContent({ tool_calls: [call("a", "f", "{oops")] }, "m", new Map())).toThrow(/JSON object/);
    expect(() => assistantContent({ tool_calls: [{ id: "a", type: "custom", custom: {} }] }, "m", new Map())).toThrow(/function call/);
  });
});
