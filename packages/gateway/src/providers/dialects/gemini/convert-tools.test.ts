import { describe, expect, it } from "vitest";
import { functionTools, toolConfig } from "./convert-tools.js";

const schema = { type: "object", properties: { city: { type: "string", format: "uri", minLength: 2 } }, required: ["city"], additionalProperties: false, $defs: {} };

describe("tools", () => {
  it("declares functions with their JSON Schema passed whole as parametersJsonSchema", () => {
    expect(
      functionTools([
        { type: "function", function: { name: "weather", description: "Weather by city", parameters: schema, strict: true } },
        { type: "function", function: { name: "now" } },
      ]),
    ).toEqual([{ functionDeclarations: [{ name: "weather", description: "Weather by city", parametersJsonSchema: schema }, { name: "now" }] }]);
  });
  it("sends nothing for no tools and answers 400 for tools Gemini cannot run", () => {
    expect(functionTools(undefined)).toBeUndefined();
    expect(functionTools([])).toBeUndefined();
    expect(() => functionTools([{ type: "web_search" }])).toThrow(/tools\[0\]/);
    expect(() => functionTools([{ type: "function", function: { name: "f", parameters: "x" } }])).toThrow(/parameters/);
  });
});

describe("tool_choice", () => {
  it("maps auto, none and required to AUTO, NONE and ANY", () => {
    expect(toolConfig("auto", true)).toEqual({ functionCallingConfig: { mode: "AUTO" } });
    expect(toolConfig("none", true)).toEqual({ functionCallingConfig: { mode: "NONE" } });
    expect(toolConfig("required", true)).toEqual({ functionCallingConfig: { mode: "ANY" } });
  });
  it("forces a named function with ANY and allowedFunctionNames", () => {
    expect(toolConfig({ type: "function", function: { name: "weather" } }, true)).toEqual({ functionCallingConfig: { mode: "ANY", allowedFunctionNames: ["weather"] } });
    expect(toolConfig({ type: "allowed_tools", allowed_tools: { mode: "required", tools: [{ type: "function", function: { name: "a" } }, { type: "function", function: { name: "b" } }] } }, true)).toEqual({
      functionCallingConfig: { mode: "ANY", allowedFunctionNames: ["a", "b"] },
    });
  });
  it("sends nothing for auto or none without tools, and answers 400 when a call is forced without tools", () => {
    expect(toolConfig("none", false)).toBeUndefined();
    expect(() => toolConfig("required", false)).toThrow(/no tools/);
  });
  it("answers 400 for allowed_tools in auto mode, which Gemini cannot express", () => {
    expect(() => toolConfig({ type: "allowed_tools", allowed_tools: { mode: "auto", tools: [] } }, true)).toThrow(/tool_choice/);
  });
});
