import { invalidRequest } from "../../../lib/errors.js";
import { asObject, asString, type JsonObject } from "./json-values.js";

/**
 * OpenAI `response_format` → Converse `outputConfig` (structured outputs), or undefined.
 * `json_schema` maps onto `textFormat` with the schema as a JSON string, as Bedrock wants it.
 * `json_object` (any JSON, no schema) has no Converse form and is refused with a 400 rather
 * than turned into prompt text or a forced tool call the client did not ask for.
 */
export function outputConfig(responseFormat: unknown): JsonObject | undefined {
  if (responseFormat === undefined || responseFormat === null) return undefined;
  const format = asObject(responseFormat);
  switch (format?.type) {
    case "text":
      return undefined;
    case "json_schema": {
      const spec = asObject(format.json_schema);
      const schema = asObject(spec?.schema);
      if (!schema) throw invalidRequest("response_format.json_schema.schema is required.", "invalid_response_format", "response_format");
      const jsonSchema: JsonObject = { schema: JSON.stringify(schema) };
      const name = asString(spec?.name);
      if (name) jsonSchema.name = name;
      const description = asString(spec?.description);
      if (description) jsonSchema.description = description;
      return { textFormat: { type: "json_schema", structure: { jsonSchema } } };
    }
    case "json_object":
      throw invalidRequest(
        'response_format {type: "json_object"} cannot be expressed for Amazon Bedrock; use {type: "json_schema"} with a schema instead.',
        "unsupported_response_format",
        "response_format",
      );
    default:
      throw invalidRequest("response_format.type must be text, json_object or json_schema.", "invalid_response_format", "response_format");
  }
}
