import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GatewayError } from "../../../lib/errors.js";
import { wireFixture } from "../../../testing/fixtures.js";
import { convertToolChoice, convertTools } from "./convert-tools.js";
import { JSON_ANSWER_TOOL } from "./response-format.js";

const weather = { type: "function", function: { name: "get_weather", description: "Weather in a city", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } } };

describe("converting tools", () => {
  it("matches the tools the Anthropic SDK sent in a recorded request", () => {
    const recorded = JSON.parse(readFileSync(wireFixture("anthropic/pyd-anthropic-parallel-tool-use.i0.request.json"), "utf8"));
    const tool = recorded.tools[0];
    const converted = convertTools([{ type: "function", function: { name: tool.name, description: tool.description, parameters: tool.input_schema } }]);
    expect(converted).toEqual(recorded.tools);
  });

  it("gives a tool without parameters an empty object schema and keeps strict", () => {
    expect(convertTools([{ type: "function", function: { name: "ping", strict: true } }])).toEqual([
      { name: "ping", input_schema: { type: "object", properties: {} }, strict: true },
    ]);
  });

  it("refuses tools that are not functions, and the reserved answer tool's name", () => {
    expect(() => convertTools([{ type: "custom", custom: { name: "x" } }])).toThrow(GatewayError);
    expect(() => convertTools([{ type: "function", function: { name: JSON_ANSWER_TOOL } }])).toThrow(/reserved/);
    expect(() => convertTools({})).toThrow(/array/);
  });
});

describe("converting tool_choice", () => {
  const tools = convertTools([weather]);

  it("maps auto, none, required and a named function", () => {
    expect(convertToolChoice("auto", undefined, tools)).toEqual({ type: "auto" });
    expect(convertToolChoice(undefined, undefined, tools)).toEqual({ type: "auto" });
    expect(convertToolChoice("none", undefined, tools)).toEqual({ type: "none" });
    expect(convertToolChoice("required", undefined, tools)).toEqual({ type: "any" });
    expect(convertToolChoice({ type: "function", function: { name: "get_weather" } }, undefined, tools)).toEqual({ type: "tool", name: "get_weather" });
  });

  it("turns parallel_tool_calls: false into disable_parallel_tool_use", () => {
    expect(convertToolChoice(undefined, false, tools)).toEqual({ type: "auto", disable_parallel_tool_use: true });
    expect(convertToolChoice("required", false, tools)).toEqual({ type: "any", disable_parallel_tool_use: true });
    expect(convertToolChoice("none", false, tools)).toEqual({ type: "none" });
    expect(convertToolChoice("auto", true, tools)).toEqual({ type: "auto" });
  });

  it("needs tools for any choice but auto or none", () => {
    expect(convertToolChoice("none", undefined, [])).toBeUndefined();
    expect(() => convertToolChoice("required", undefined, [])).toThrow(/needs tools/);
  });

  it("refuses a function that is not among the tools, and shapes Anthropic cannot express", () => {
    expect(() => convertToolChoice({ type: "function", function: { name: "nope" } }, undefined, tools)).toThrow(/not among the tools/);
    expect(() => convertToolChoice({ type: "allowed_tools", allowed_tools: {} }, undefined, tools)).toThrow(/tool_choice/);
    expect(() => convertToolChoice("auto", "no", tools)).toThrow(/parallel_tool_calls/);
  });
});
