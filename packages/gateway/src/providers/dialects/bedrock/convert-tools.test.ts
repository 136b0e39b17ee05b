import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GatewayError } from "../../../lib/errors.js";
import { wireFixture } from "../../../testing/fixtures.js";
import { convertTools } from "./convert-tools.js";

const weather = { type: "function", function: { name: "get_weather", description: "Weather in a city.", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } } };

function failure(tools: unknown, choice: unknown, history = false): GatewayError {
  try {
    convertTools(tools, choice, history);
  } catch (err) {
    return err as GatewayError;
  }
  throw new Error("expected a failure");
}

describe("converting tools and tool_choice", () => {
  it("builds toolSpecs exactly as the SDK recorded them (pyd-bedrock-iter-stream-binary i0)", () => {
    const request = JSON.parse(readFileSync(wireFixture("bedrock/pyd-bedrock-iter-stream-binary.i0.request.json"), "utf8"));
    const tools = request.toolConfig.tools.map((t: any) => ({
      type: "function",
      function: { name: t.toolSpec.name, description: t.toolSpec.description, parameters: t.toolSpec.inputSchema.json },
    }));
    expect(convertTools(tools, undefined, false)).toEqual(request.toolConfig);
  });

  it("sends no toolChoice for auto, any for required, tool for a named function", () => {
    expect(convertTools([weather], "auto", false)).toEqual({ tools: [expect.objectContaining({ toolSpec: expect.any(Object) })] });
    expect(convertTools([weather], "required", false)?.toolChoice).toEqual({ any: {} });
    expect(convertTools([weather], { type: "function", function: { name: "get_weather" } }, false)?.toolChoice).toEqual({ tool: { name: "get_weather" } });
  });

  it("gives a tool without parameters an empty object schema, drops an empty description and keeps strict", () => {
    expect(convertTools([{ type: "function", function: { name: "ping", description: "", strict: true } }], undefined, false)).toEqual({
      tools: [{ toolSpec: { name: "ping", inputSchema: { json: { type: "object", properties: {} } }, strict: true } }],
    });
  });

  it("leaves the tools out for tool_choice none when no tool was used yet", () => {
    expect(convertTools([weather], "none", false)).toBeUndefined();
  });

  it("refuses tool_choice none once the history holds tool calls", () => {
    expect(failure([weather], "none", true)).toMatchObject({ status: 400, code: "unsupported_tool_choice", param: "tool_choice" });
  });

  it("sends nothing when there are no tools, and refuses a tool_choice without tools", () => {
    expect(convertTools(undefined, undefined, false)).toBeUndefined();
    expect(convertTools([], null, false)).toBeUndefined();
    expect(failure(undefined, "required")).toMatchObject({ param: "tool_choice" });
  });

  it("refuses non-function tools and unknown tool_choice shapes", () => {
    expect(failure([{ type: "web_search" }], undefined)).toMatchObject({ code: "unsupported_tool", param: "tools[0]" });
    expect(failure([weather], { type: "allowed_tools", allowed_tools: { mode: "auto", tools: [] } })).toMatchObject({ code: "unsupported_tool_choice" });
    expect(failure([{ type: "function", function: {} }], undefined)).toMatchObject({ param: "tools[0].function.name" });
  });
});
