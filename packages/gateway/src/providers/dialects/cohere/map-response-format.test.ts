import { describe, expect, it } from "vitest";
import { mapResponseFormat } from "./map-response-format.js";

describe("mapping response_format", () => {
  it("maps json_object and json_schema to Cohere's json_object", () => {
    const schema = { type: "object", properties: { name: { type: "string" } }, required: ["name"] };
    expect(mapResponseFormat({ type: "json_object" })).toEqual({ type: "json_object" });
    expect(mapResponseFormat({ type: "json_schema", json_schema: { name: "person", strict: true, schema } })).toEqual({ type: "json_object", json_schema: schema });
    expect(mapResponseFormat({ type: "json_schema", json_schema: { name: "anything" } })).toEqual({ type: "json_object" });
  });
  it("leaves text and absent formats to Cohere's default", () => {
    expect(mapResponseFormat({ type: "text" })).toBeUndefined();
    expect(mapResponseFormat(undefined)).toBeUndefined();
  });
  it("refuses formats Cohere does not have", () => {
    expect(() => mapResponseFormat({ type: "grammar", grammar: "x" })).toThrow(expect.objectContaining({ status: 400, param: "response_format" }));
    expect(() => mapResponseFormat("json")).toThrow(expect.objectContaining({ param: "response_format" }));
  });
});
