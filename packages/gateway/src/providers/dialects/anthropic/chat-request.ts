import { invalidRequest } from "../../../lib/errors.js";
import { authHeaders } from "../../auth-headers.js";
import type { OpenAIChatRequest, Target, UpstreamRequest } from "../dialect.js";
import { convertMessages } from "./convert-messages.js";
import { convertToolChoice, convertTools } from "./convert-tools.js";
import { outputBudget } from "./output-budget.js";
import { checkRequestFields } from "./request-fields.js";
import { convertResponseFormat } from "./response-format.js";
import type { TextBlock } from "./wire-types.js";

/** The Messages API version every current feature used here is available under. */
export const ANTHROPIC_VERSION = "2023-06-01";

/** A base URL that already ends in /v1 (a proxy, say) gets only the rest of the path. */
export function messagesPath(baseUrl: string): string {
  let pathname = "";
  try {
    pathname = new URL(baseUrl).pathname;
  } catch {
    pathname = "";
  }
  return /\/v1\/?$/.test(pathname) ? "/messages" : "/v1/messages";
}

/** An OpenAI chat request as a POST to Anthropic's /v1/messages. Fields are checked in request-fields.ts. */
export function anthropicChatRequest(body: OpenAIChatRequest, target: Target, stream: boolean): UpstreamRequest {
  checkRequestFields(body);
  const { system, messages } = convertMessages(body.messages);
  const budget = outputBudget(body);
  if (budget.thinking && body.thinking != null) throw invalidRequest("Send reasoning_effort or thinking, not both.", null, "thinking");
  const thinking = budget.thinking ?? body.thinking;
  const tools = convertTools(body.tools);
  const toolChoice = convertToolChoice(body.tool_choice, body.parallel_tool_calls, tools);
  const format = convertResponseFormat(body.response_format, { hasTools: tools.length > 0, thinking: thinking != null });

  const out: Record<string, unknown> = { model: target.model, max_tokens: budget.maxTokens };
  if (system.length > 0) out.system = systemPrompt(system);
  out.messages = messages;
  if (format.answerTool) {
    out.tools = [format.answerTool.tool];
    out.tool_choice = format.answerTool.choice;
  } else if (tools.length > 0) {
    out.tools = tools;
    if (toolChoice) out.tool_choice = toolChoice;
  }
  if (thinking != null) out.thinking = thinking;
  if (format.outputFormat) out.output_config = { format: format.outputFormat };
  for (const field of ["temperature", "top_p", "top_k", "cache_control"] as const) if (body[field] != null) out[field] = body[field];
  const stop = stopSequences(body.stop);
  if (stop) out.stop_sequences = stop;
  const user = body.user ?? body.safety_identifier;
  if (typeof user === "string" && user !== "") out.metadata = { user_id: user };
  out.stream = stream;

  return {
    method: "POST",
    path: messagesPath(target.baseUrl),
    headers: {
      ...authHeaders(target.provider.authStyle, target.credential),
      "anthropic-version": ANTHROPIC_VERSION,
      "content-type": "application/json",
      accept: stream ? "text/event-stream" : "application/json",
    },
    body: JSON.stringify(out),
  };
}

/** A single plain system text goes as a string, as Anthropic's own SDKs send it; otherwise blocks (keeping cache_control). */
function systemPrompt(blocks: TextBlock[]): string | TextBlock[] {
  return blocks.length === 1 && blocks[0]!.cache_control === undefined ? blocks[0]!.text : blocks;
}

function stopSequences(stop: unknown): string[] | undefined {
  if (stop === undefined || stop === null) return undefined;
  const list = typeof stop === "string" ? [stop] : stop;
  if (!Array.isArray(list) || !list.every((s) => typeof s === "string" && s !== "")) {
    throw invalidRequest("stop must be a string or an array of non-empty strings.", null, "stop");
  }
  return list.length > 0 ? list : undefined;
}
