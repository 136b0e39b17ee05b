import { describe, expect, it } from "vitest";
import { functionResponsePart } from "./convert-tool-result.js";

const names = new Map([["call_1", "get_user_country"]]);

describe("tool results", () => {
  it("names the response after the earlier call and wraps plain text under output", () => {
    expect(functionResponsePart({ role: "tool", tool_call_id: "call_1", content: "Mexico" }, "messages[2]", names)).toEqual({
      functionResponse: { name: "get_user_country", response: { output: "Mexico" } },
    });
  });
  it("passes a JSON object result as the response object", () => {
    const part = functionResponsePart({ tool_call_id: "call_1", content: '{"country":"Mexico"}' }, "m", names);
    expect(part.functionResponse?.response).toEqual({ country: "Mexico" });
  });
  it("joins text parts and keeps JSON that is not an object as text", () => {
    const part = functionResponsePart({ tool_call_id: "call_1", content: [{ type: "text", text: "[1," }, { type: "text", text: "2]" }] }, "m", names);
    expect(part.functionResponse?.response).toEqual({ output: "[1,2]" });
  });
  it("answers 400 naming tool_call_id when no earlier call has that id", () => {
    expect(() => functionResponsePart({ tool_call_id: "call_9", content: "x" }, "messages[4]", names)).toThrow(/messages\[4\]\.tool_call_id "call_9"/);
    expect(() => functionResponsePart({ content: "x" }, "messages[4]", names)).toThrow(/required/);
  });
});
