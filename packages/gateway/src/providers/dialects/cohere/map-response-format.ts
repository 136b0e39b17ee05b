import { type JsonRecord, asRecord } from "./payload-fields.js";
import { unsupportedValue } from "./request-errors.js";

/**
 * OpenAI `response_format` as Cohere's: json_object stays json_object, and json_schema becomes
 * json_object with the schema in `json_schema` (Cohere enforces it; OpenAI's `name` and
 * `strict` have no counterpart). "text" is Cohere's default and is left out.
 */
export function mapResponseFormat(value: unknown): JsonRecord | undefined {
  if (value == null) return undefined;
  const format = asRecord(value);
  switch (format?.type) {
    case "text":
      return undefined;
    case "json_object":
      return { type: "json_object" };
    case "json_schema": {
      const schema = asRecord(asRecord(format.json_schema)?.schema);
      return schema ? { type: "json_object", json_schema: schema } : { type: "json_object" };
    }
    default:
      throw unsupportedValue("response_format", `type ${JSON.stringify(format?.type)} has no Cohere equivalent.`);
  }
}
