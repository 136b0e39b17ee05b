import { invalidRequest } from "../../../lib/errors.js";
import { JSON_ANSWER_TOOL } from "./response-format.js";
import type { AnthropicTool, AnthropicToolChoice } from "./wire-types.js";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** OpenAI function tools → Anthropic tools; `parameters` becomes `input_schema`. */
export function convertTools(tools: unknown): AnthropicTool[] {
  if (tools === undefined || tools === null) return [];
  if (!Array.isArray(tools)) throw invalidRequest("tools must be an array.", null, "tools");
  return tools.map((tool, i) => {
    const param = `tools[${i}]`;
    if (!isObject(tool) || tool.type !== "function" || !isObject(tool.function)) {
      throw invalidRequest(`${param}: only tools of type "function" can be sent to Anthropic.`, null, param);
    }
    const fn = tool.function;
    if (typeof fn.name !== "string" || fn.name === "") throw invalidRequest(`${param}.function.name is required.`, null, `${param}.function.name`);
    if (fn.name === JSON_ANSWER_TOOL) throw invalidRequest(`${param}: the tool name "${JSON_ANSWER_TOOL}" is reserved by the gateway.`, null, `${param}.function.name`);
    if (fn.parameters !== undefined && !isObject(fn.parameters)) throw invalidRequest(`${param}.function.parameters must be a JSON schema object.`, null, `${param}.function.parameters`);
    const out: AnthropicTool = { name: fn.name, input_schema: (fn.parameters as Record<string, unknown> | undefined) ?? { type: "object", properties: {} } };
    if (typeof fn.description === "string") out.description = fn.description;
    if (fn.strict === true) out.strict = true;
    return out;
  });
}

/**
 * OpenAI's tool_choice and parallel_tool_calls → Anthropic's tool_choice: auto → auto,
 * none → none, required → any, a named function → tool. `parallel_tool_calls: false`
 * becomes `disable_parallel_tool_use`, which Anthropic keeps on the tool_choice object.
 */
export function convertToolChoice(choice: unknown, parallel: unknown, tools: AnthropicTool[]): AnthropicToolChoice | undefined {
  if (parallel !== undefined && parallel !== null && typeof parallel !== "boolean") {
    throw invalidRequest("parallel_tool_calls must be a boolean.", null, "parallel_tool_calls");
  }
  if (tools.length === 0) {
    if (choice === undefined || choice === null || choice === "none" || choice === "auto") return undefined;
    throw invalidRequest("tool_choice needs tools.", null, "tool_choice");
  }
  const out = baseChoice(choice, tools);
  if (parallel === false && out.type !== "none") out.disable_parallel_tool_use = true;
  return out;
}

function baseChoice(choice: unknown, tools: AnthropicTool[]): AnthropicToolChoice {
  if (choice === undefined || choice === null || choice === "auto") return { type: "auto" };
  if (choice === "none") return { type: "none" };
  if (choice === "required") return { type: "any" };
  if (isObject(choice) && choice.type === "function" && isObject(choice.function) && typeof choice.function.name === "string") {
    const name = choice.function.name;
    if (!tools.some((t) => t.name === name)) throw invalidRequest(`tool_choice names "${name}", which is not among the tools.`, null, "tool_choice");
    return { type: "tool", name };
  }
  throw invalidRequest('tool_choice must be "auto", "none", "required" or {type: "function", function: {name}} for Anthropic.', null, "tool_choice");
}
