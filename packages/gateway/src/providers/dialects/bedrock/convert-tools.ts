import { invalidRequest } from "../../../lib/errors.js";
import { asArray, asObject, asString, type JsonObject } from "./json-values.js";

const EMPTY_SCHEMA = { type: "object", properties: {} };

/**
 * OpenAI `tools` + `tool_choice` → Converse `toolConfig` (undefined: send none).
 * - "auto" sends no toolChoice: auto is Bedrock's default, and only some model families
 *   accept an explicit toolChoice at all.
 * - "required" → `{any:{}}`; a named function → `{tool:{name}}`.
 * - "none" has no Converse form, so the tools are left out. Bedrock insists on a toolConfig
 *   once the history holds tool calls or results, so "none" is then refused with a 400.
 */
export function convertTools(tools: unknown, toolChoice: unknown, historyHasToolBlocks: boolean): JsonObject | undefined {
  const specs = asArray(tools).map((tool, i) => toolSpec(tool, `tools[${i}]`));
  if (toolChoice === undefined || toolChoice === null) return specs.length > 0 ? { tools: specs } : undefined;
  if (toolChoice === "none") {
    if (historyHasToolBlocks && specs.length > 0) {
      throw invalidRequest(
        'tool_choice "none" cannot be expressed for Amazon Bedrock when the conversation holds tool calls: Bedrock needs the tools declared and has no way to forbid calling them.',
        "unsupported_tool_choice",
        "tool_choice",
      );
    }
    return undefined;
  }
  if (specs.length === 0) throw invalidRequest("tool_choice is only allowed when tools are given.", "invalid_tool_choice", "tool_choice");
  if (toolChoice === "auto") return { tools: specs };
  if (toolChoice === "required") return { tools: specs, toolChoice: { any: {} } };
  const named = asString(asObject(asObject(toolChoice)?.function)?.name);
  if (asObject(toolChoice)?.type === "function" && named) return { tools: specs, toolChoice: { tool: { name: named } } };
  throw invalidRequest("tool_choice must be auto, required, none or {type: function, function: {name}} for Amazon Bedrock.", "unsupported_tool_choice", "tool_choice");
}

function toolSpec(raw: unknown, where: string): JsonObject {
  const tool = asObject(raw);
  if (tool?.type !== "function") throw invalidRequest(`${where}: only function tools can be sent to Amazon Bedrock.`, "unsupported_tool", where);
  const fn = asObject(tool.function);
  const name = asString(fn?.name);
  if (!name) throw invalidRequest(`${where}.function.name is required.`, "invalid_tool", `${where}.function.name`);
  const spec: JsonObject = { name };
  const description = asString(fn?.description);
  if (description) spec.description = description; // Converse refuses an empty description
  spec.inputSchema = { json: asObject(fn?.parameters) ?? EMPTY_SCHEMA };
  if (fn?.strict === true) spec.strict = true;
  return { toolSpec: spec };
}
