import { describe, expect, it } from "vitest";
import { ToolCallDeltas } from "./tool-call-deltas.js";

const chunk = (delta: object, finish: string | null = null) => ({ choices: [{ index: 0, delta, finish_reason: finish }] });

describe("ToolCallDeltas", () => {
  it("trap 7: gives Mistral's index-less whole calls an index and a type", () => {
    const fixer = new ToolCallDeltas();
    const c = chunk({ tool_calls: [{ id: "gSIMJiOkT", function: { name: "weather", arguments: '{"location": "SF"}' } }] }, "tool_calls");
    expect(fixer.fix(c)).toBe(true);
    expect(c.choices[0]!.delta).toEqual({ tool_calls: [{ id: "gSIMJiOkT", type: "function", index: 0, function: { name: "weather", arguments: '{"location": "SF"}' } }] });
  });

  it("trap 7: renumbers calls that start at index 1 and never repeats a name, even an empty one", () => {
    const fixer = new ToolCallDeltas();
    const first = chunk({ tool_calls: [{ index: 1, id: "toolu_1", type: "function", function: { name: "read_file", arguments: "" } }] });
    const later = chunk({ tool_calls: [{ index: 1, type: "function", function: { name: "", arguments: '{"path":"a"}' } }] });
    fixer.fix(first);
    fixer.fix(later);
    expect(first.choices[0]!.delta).toMatchObject({ tool_calls: [{ index: 0, function: { name: "read_file" } }] });
    expect(later.choices[0]!.delta).toEqual({ tool_calls: [{ index: 0, type: "function", function: { arguments: '{"path":"a"}' } }] });
  });

  it("trap 8: a call that finished without arguments gets {} in the finish chunk", () => {
    const fixer = new ToolCallDeltas();
    fixer.fix(chunk({ tool_calls: [{ index: 0, id: "c1", type: "function", function: { name: "now", arguments: "" } }] }));
    expect(fixer.owesArguments).toBe(true);
    const finish = chunk({}, "tool_calls");
    expect(fixer.fix(finish)).toBe(true);
    expect(finish.choices[0]!.delta).toEqual({ tool_calls: [{ index: 0, function: { arguments: "{}" } }] });
    expect(fixer.owesArguments).toBe(false);
  });

  it("leaves OpenAI's own well-formed deltas untouched", () => {
    const fixer = new ToolCallDeltas();
    const a = chunk({ tool_calls: [{ index: 0, id: "call_1", type: "function", function: { name: "f", arguments: "" } }] });
    const b = chunk({ tool_calls: [{ index: 0, function: { arguments: "{}" } }] });
    const before = JSON.stringify([a, b]);
    expect(fixer.fix(a)).toBe(false);
    expect(fixer.fix(b)).toBe(false);
    expect(fixer.fix(chunk({}, "tool_calls"))).toBe(false);
    expect(JSON.stringify([a, b])).toBe(before);
  });
});
