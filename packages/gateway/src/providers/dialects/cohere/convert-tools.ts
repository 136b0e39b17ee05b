import { type JsonRecord, asRecord, asString } from "./payload-fields.js";
import { unsupportedField, unsupportedValue } from "./request-errors.js";

/** The tool fields of a Cohere v2 chat request. */
export interface CohereToolFields {
  tools?: JsonRecord[];
  tool_choice?: "REQUIRED" | "NONE";
  strict_tools?: true;
}

/**
 * OpenAI `tools`, `tool_choice` and `parallel_tool_calls` as Cohere's. Tools keep OpenAI's
 * function shape. "auto" is Cohere's default and is left out; "required" and "none" map to
 * REQUIRED and NONE. A named function can only be expressed when it is the one tool offered
 * (REQUIRED then means exactly it); otherwise it is refused. A function marked `strict` turns
 * on Cohere's `strict_tools`, which applies to every tool. Cohere always allows parallel
 * calls, so `parallel_tool_calls: false` is refused.
 */
export function convertTools(body: JsonRecord): CohereToolFields {
  const out: CohereToolFields = {};
  if (body.parallel_tool_calls === false) throw unsupportedField("parallel_tool_calls", "Cohere may always call tools in parallel.");
  const tools = body.tools == null ? [] : body.tools;
  if (!Array.isArray(tools)) throw unsupportedValue("tools", "expected a list of tools.");
  const functions = tools.map((tool, i) => functionOf(tool, `tools[${i}]`));
  if (functions.length > 0) out.tools = functions.map(({ name, description, parameters }) => ({ type: "function", function: { name, ...description, parameters } }));
  if (functions.some((fn) => fn.strict)) out.strict_tools = true;
  const choice = toolChoice(body.tool_choice, functions.map((fn) => fn.name));
  if (choice) out.tool_choice = choice;
  return out;
}

function functionOf(value: unknown, path: string) {
  const tool = asRecord(value);
  const fn = asRecord(tool?.function);
  if (tool?.type !== "function" || !fn) throw unsupportedField(`${path}.type`, "only function tools can be sent to Cohere.");
  const name = asString(fn.name);
  if (!name) throw unsupportedValue(`${path}.function.name`, "expected a non-empty string.");
  const description = asString(fn.description);
  return {
    name,
    description: description === undefined ? {} : { description },
    // OpenAI reads a function without parameters as taking none; Cohere wants the schema spelled out.
    parameters: asRecord(fn.parameters) ?? { type: "object", properties: {} },
    strict: fn.strict === true,
  };
}

function toolChoice(choice: unknown, names: string[]): CohereToolFields["tool_choice"] {
  if (choice == null || choice === "auto") return undefined;
  if (choice === "required") return "REQUIRED";
  if (choice === "none") return "NONE";
  const named = asString(asRecord(asRecord(choice)?.function)?.name);
  if (asRecord(choice)?.type === "function" && named !== undefined) {
    if (names.length === 1 && names[0] === named) return "REQUIRED";
    throw unsupportedField("tool_choice", "Cohere cannot force one named function while other tools are offered.");
  }
  throw unsupportedValue("tool_choice", `${JSON.stringify(choice)} has no Cohere equivalent.`);
}
