import { describe, expect, it } from "vitest";
import { GatewayError } from "../../../lib/errors.js";
import { outputConfig } from "./output-config.js";

function failure(format: unknown): GatewayError {
  try {
    outputConfig(format);
  } catch (err) {
    return err as GatewayError;
  }
  throw new Error("expected a failure");
}

describe("mapping response_format", () => {
  it("sends a JSON schema as Converse structured output, the schema as a JSON string", () => {
    const schema = { type: "object", properties: { answer: { type: "string" } }, required: ["answer"], additionalProperties: false };
    expect(outputConfig({ type: "json_schema", json_schema: { name: "answer", description: "The answer.", schema, strict: true } })).toEqual({
      textFormat: { type: "json_schema", structure: { jsonSchema: { schema: JSON.stringify(schema), name: "answer", description: "The answer." } } },
    });
  });

  it("sends nothing for text or no format", () => {
    expect(outputConfig({ type: "text" })).toBeUndefined();
    expect(outputConfig(undefined)).toBeUndefined();
  });

  it("refuses json_object, which Converse cannot express, pointing to json_schema", () => {
    const err = failure({ type: "json_object" });
    expect(err).toMatchObject({ status: 400, param: "response_format", code: "unsupported_response_format" });
    expect(err.message).toMatch(/json_schema/);
  });

  it("refuses a json_schema without a schema and unknown types", () => {
    expect(failure({ type: "json_schema", json_schema: { name: "x" } }).code).toBe("invalid_response_format");
    expect(failure({ type: "yaml" }).code).toBe("invalid_response_format");
  });
});
