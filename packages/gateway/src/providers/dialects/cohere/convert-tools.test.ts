import { describe, expect, it } from "vitest";
import { convertTools } from "./convert-tools.js";

const weather = { type: "function", function: { name: "weather", description: "Weather by city", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } } };
const clock = { type: "function", function: { name: "now" } };
const rejectsParam = (body: Record<string, unknown>, param: string) => expect(() => convertTools(body)).toThrow(expect.objectContaining({ status: 400, param }));

describe("converting tools and tool_choice", () => {
  it("keeps function tools in OpenAI's shape and spells out missing parameters", () => {
    expect(convertTools({ tools: [weather, clock] })).toEqual({
      tools: [
        { type: "function", function: { name: "weather", description: "Weather by city", parameters: weather.function.parameters } },
        { type: "function", function: { name: "now", parameters: { type: "object", properties: {} } } },
      ],
    });
  });

  it("maps required and none, and leaves auto to Cohere's default", () => {
    expect(convertTools({ tools: [weather], tool_choice: "required" }).tool_choice).toBe("REQUIRED");
    expect(convertTools({ tools: [weather], tool_choice: "none" }).tool_choice).toBe("NONE");
    expect(convertTools({ tools: [weather], tool_choice: "auto" })).not.toHaveProperty("tool_choice");
    expect(convertTools({})).toEqual({});
  });

  it("forces a named function only when it is the one tool offered", () => {
    expect(convertTools({ tools: [weather], tool_choice: { type: "function", function: { name: "weather" } } }).tool_choice).toBe("REQUIRED");
    rejectsParam({ tools: [weather, clock], tool_choice: { type: "function", function: { name: "weather" } } }, "tool_choice");
    rejectsParam({ tools: [weather], tool_choice: { type: "allowed_tools", allowed_tools: { mode: "auto", tools: [] } } }, "tool_choice");
  });

  it("turns strict functions into strict_tools", () => {
    const strict = { type: "function", function: { ...weather.function, strict: true } };
    expect(convertTools({ tools: [strict, clock] }).strict_tools).toBe(true);
    expect(convertTools({ tools: [weather] })).not.toHaveProperty("strict_tools");
  });

  it("refuses what Cohere cannot express, naming the field", () => {
    rejectsParam({ tools: [weather], parallel_tool_calls: false }, "parallel_tool_calls");
    expect(convertTools({ tools: [weather], parallel_tool_calls: true }).tools).toHaveLength(1);
    rejectsParam({ tools: [{ type: "custom", custom: { name: "x" } }] }, "tools[0].type");
    rejectsParam({ tools: [{ type: "function", function: {} }] }, "tools[0].function.name");
    rejectsParam({ tools: "weather" }, "tools");
  });
});
