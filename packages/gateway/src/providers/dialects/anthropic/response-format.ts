import { invalidRequest } from "../../../lib/errors.js";
import type { AnthropicTool, AnthropicToolChoice } from "./wire-types.js";

/** The tool that carries a `json_object` answer; the response translators turn its input back into content. */
export const JSON_ANSWER_TOOL = "igris_json_answer";

/**
 * How `response_format` reaches Anthropic:
 * - `json_schema` → structured outputs (`output_config.format`), Anthropic's own constrained
 *   decoding to the schema. The answer comes back as ordinary text, works with tools and
 *   thinking; models without structured outputs answer 400, which the client sees.
 * - `json_object` has no native form (a schema is required), so the answer is requested as
 *   the input of one forced tool whose schema is "any object"; tool inputs are always JSON
 *   objects. Anthropic forbids forced tools with thinking, and forcing it would stop the
 *   client's own tools being called, so both combinations are refused here.
 */
export interface ResponseFormatParts {
  outputFormat?: { type: "json_schema"; schema: Record<string, unknown> };
  answerTool?: { tool: AnthropicTool; choice: AnthropicToolChoice };
}

export function convertResponseFormat(format: unknown, context: { hasTools: boolean; thinking: boolean }): ResponseFormatParts {
  if (format === undefined || format === null) return {};
  const type = typeof format === "object" ? (format as Record<string, unknown>).type : undefined;
  if (type === "text") return {};
  if (type === "json_schema") {
    const spec = (format as Record<string, unknown>).json_schema as Record<string, unknown> | undefined;
    const schema = spec?.schema;
    if (!schema || typeof schema !== "object" || Array.isArray(schema)) {
      throw invalidRequest("response_format.json_schema.schema is required for Anthropic.", null, "response_format.json_schema.schema");
    }
    return { outputFormat: { type: "json_schema", schema: schema as Record<string, unknown> } };
  }
  if (type === "json_object") {
    if (context.hasTools) throw invalidRequest("response_format json_object cannot be combined with tools on Anthropic; use json_schema.", null, "response_format");
    if (context.thinking) throw invalidRequest("response_format json_object cannot be combined with reasoning_effort on Anthropic; use json_schema.", null, "response_format");
    const tool: AnthropicTool = {
      name: JSON_ANSWER_TOOL,
      description: "Give your complete answer as a JSON object: the input of this tool is the answer.",
      input_schema: { type: "object" },
    };
    return { answerTool: { tool, choice: { type: "tool", name: JSON_ANSWER_TOOL } } };
  }
  throw invalidRequest('response_format.type must be "text", "json_object" or "json_schema".', null, "response_format");
}
