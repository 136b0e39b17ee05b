import { invalidRequest } from "../../../lib/errors.js";
import { isObject } from "./json-read.js";
import type { GeminiFunctionDeclaration, GeminiToolConfig } from "./wire-types.js";

/**
 * OpenAI function tools as one Gemini tool of functionDeclarations. Parameters go in `parametersJsonSchema`,
 * which both AI Studio and Vertex read as full JSON Schema, so no schema keyword has to be stripped or
 * rewritten into Gemini's OpenAPI subset. `strict` is ignored: Gemini follows the declared schema anyway.
 */
export function functionTools(tools: unknown): Array<{ functionDeclarations: GeminiFunctionDeclaration[] }> | undefined {
  if (tools == null) return undefined;
  if (!Array.isArray(tools)) throw invalidRequest("tools must be an array.", "invalid_tools", "tools");
  if (tools.length === 0) return undefined;
  return [{ functionDeclarations: tools.map((tool, i) => declaration(tool, `tools[${i}]`)) }];
}

function declaration(tool: unknown, param: string): GeminiFunctionDeclaration {
  if (!isObject(tool) || tool.type !== "function") {
    throw invalidRequest(`${param}: only tools of type "function" can be sent to Gemini.`, "unsupported_tool", `${param}.type`);
  }
  const fn = tool.function;
  if (!isObject(fn) || typeof fn.name !== "string" || !fn.name) throw invalidRequest(`${param}.function.name is required.`, "invalid_tools", `${param}.function.name`);
  const out: GeminiFunctionDeclaration = { name: fn.name };
  if (typeof fn.description === "string") out.description = fn.description;
  if (fn.parameters != null) {
    if (!isObject(fn.parameters)) throw invalidRequest(`${param}.function.parameters must be a JSON Schema object.`, "invalid_tools", `${param}.function.parameters`);
    out.parametersJsonSchema = fn.parameters;
  }
  return out;
}

/** tool_choice as Gemini's functionCallingConfig: auto → AUTO, none → NONE, required or a named function → ANY. */
export function toolConfig(choice: unknown, hasTools: boolean): GeminiToolConfig | undefined {
  if (choice == null) return undefined;
  if (choice === "auto" || choice === "none") return hasTools ? { functionCallingConfig: { mode: choice === "auto" ? "AUTO" : "NONE" } } : undefined;
  if (!hasTools) throw invalidRequest("tool_choice asks for a tool call but no tools were given.", "invalid_tool_choice", "tool_choice");
  if (choice === "required") return { functionCallingConfig: { mode: "ANY" } };
  if (isObject(choice) && choice.type === "function" && isObject(choice.function) && typeof choice.function.name === "string") {
    return { functionCallingConfig: { mode: "ANY", allowedFunctionNames: [choice.function.name] } };
  }
  if (isObject(choice) && choice.type === "allowed_tools" && isObject(choice.allowed_tools) && choice.allowed_tools.mode === "required") {
    return { functionCallingConfig: { mode: "ANY", allowedFunctionNames: allowedNames(choice.allowed_tools.tools) } };
  }
  // Gemini restricts function names only while forcing a call (mode ANY); allowed_tools with mode "auto" has no equivalent.
  throw invalidRequest("tool_choice must be \"auto\", \"none\", \"required\", a named function or allowed_tools with mode \"required\" for Gemini.", "unsupported_tool_choice", "tool_choice");
}

function allowedNames(tools: unknown): string[] {
  const names = Array.isArray(tools) ? tools.map((t) => (isObject(t) && isObject(t.function) ? t.function.name : undefined)) : [];
  if (names.length === 0 || !names.every((n): n is string => typeof n === "string" && n !== "")) {
    throw invalidRequest("tool_choice.allowed_tools.tools must list functions by name.", "invalid_tool_choice", "tool_choice.allowed_tools.tools");
  }
  return names;
}
