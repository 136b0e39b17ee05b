import { describe, expect, it } from "vitest";
import { JSON_ANSWER_TOOL, convertResponseFormat } from "./response-format.js";

const plain = { hasTools: false, thinking: false };
const schema = { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false };

describe("translating response_format", () => {
  it("sends json_schema as Anthropic structured outputs", () => {
    expect(convertResponseFormat({ type: "json_schema", json_schema: { name: "city", strict: true, schema } }, plain)).toEqual({
      outputFormat: { type: "json_schema", schema },
    });
  });

  it("keeps json_schema usable with tools and thinking", () => {
    expect(convertResponseFormat({ type: "json_schema", json_schema: { name: "c", schema } }, { hasTools: true, thinking: true }).outputFormat).toBeDefined();
  });

  it("asks for a json_object answer through one forced tool that accepts any object", () => {
    const parts = convertResponseFormat({ type: "json_object" }, plain);
    expect(parts.answerTool?.tool).toMatchObject({ name: JSON_ANSWER_TOOL, input_schema: { type: "object" } });
    expect(parts.answerTool?.choice).toEqual({ type: "tool", name: JSON_ANSWER_TOOL });
  });

  it("refuses json_object with tools or thinking, where a forced tool cannot work", () => {
    expect(() => convertResponseFormat({ type: "json_object" }, { hasTools: true, thinking: false })).toThrow(/tools/);
    expect(() => convertResponseFormat({ type: "json_object" }, { hasTools: false, thinking: true })).toThrow(/reasoning_effort/);
  });

  it("needs a schema for json_schema, ignores text and refuses unknown types", () => {
    expect(() => convertResponseFormat({ type: "json_schema", json_schema: { name: "x" } }, plain)).toThrow(/schema is required/);
    expect(convertResponseFormat({ type: "text" }, plain)).toEqual({});
    expect(convertResponseFormat(undefined, plain)).toEqual({});
    expect(() => convertResponseFormat({ type: "grammar" }, plain)).toThrow(/response_format.type/);
  });
});
