import { invalidRequest } from "../lib/errors.js";
import { parseRouteModel } from "../routing/route-model.js";

export interface ChatRequest {
  /** The client's body, model still as sent. Unknown fields are kept as they are. */
  body: Record<string, unknown>;
  slug: string;
  model: string;
  stream: boolean;
  /** The client asked for the usage chunk itself (stream_options.include_usage). */
  clientWantsUsage: boolean;
}

/** `@slug/model` → { slug, model }; the model part may itself contain slashes. */
export function splitModel(value: string): { slug: string; model: string } | null {
  if (!value.startsWith("@")) return null;
  const slash = value.indexOf("/");
  if (slash < 2 || slash === value.length - 1) return null;
  return { slug: value.slice(1, slash), model: value.slice(slash + 1) };
}

/** The prefix of `ChatRequest.slug` for a call that names a route (`@route:<name>[/<model>]`). */
export const ROUTE_SLUG_PREFIX = "@route:";

/**
 * What a request's `model` names: a virtual key (`@vk/model`), a route (`slug` is
 * `@route:<name>`, `model` what follows the slash or ""), or — a plain model — the
 * gateway's automatic choice of provider (`slug` is ""). On a native route the path names
 * the virtual key and `model` is the provider's own name.
 */
export function callTarget(value: string, slugFromPath: string | null): { slug: string; model: string } {
  if (slugFromPath !== null) return { slug: slugFromPath, model: value };
  const route = parseRouteModel(value);
  if (route) return { slug: `${ROUTE_SLUG_PREFIX}${route.route}`, model: route.model ?? "" };
  const vk = splitModel(value);
  if (vk) return vk;
  if (value.startsWith("@")) {
    throw invalidRequest(
      `Model "${value}" must name a virtual key ("@<virtual-key>/<model>", e.g. "@openai-prod/gpt-4o-mini"), a route ("@route:<name>"), or be a plain model name.`,
      "invalid_model_format",
      "model",
    );
  }
  return { slug: "", model: value };
}

/** A request body that must be a JSON object; 400s name what is wrong. */
export function parseJsonObject(raw: Buffer): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString("utf8"));
  } catch {
    throw invalidRequest("The request body is not valid JSON.", "invalid_json");
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) throw invalidRequest("The request body must be a JSON object.", "invalid_body");
  return body as Record<string, unknown>;
}

/** A request body that must be a JSON object naming a model; 400s name what is wrong. */
export function parseModelRequest(raw: Buffer): Record<string, unknown> & { model: string } {
  const b = parseJsonObject(raw);
  if (typeof b.model !== "string" || b.model === "") throw invalidRequest("you must provide a model parameter", "missing_model", "model");
  return b as Record<string, unknown> & { model: string };
}

/**
 * Parses a chat request. On the native route (`/llm/<slug>/v1/…`) the virtual key comes
 * from the path and `model` is the provider's own model name, as its SDK sends it.
 */
export function parseChatRequest(raw: Buffer, slugFromPath: string | null = null): ChatRequest {
  const b = parseModelRequest(raw);
  if (!Array.isArray(b.messages)) throw invalidRequest("'messages' is a required property and must be an array", "missing_messages", "messages");
  const target = callTarget(b.model, slugFromPath);
  if (b.stream !== undefined && typeof b.stream !== "boolean" && b.stream !== null) throw invalidRequest("'stream' must be a boolean", "invalid_stream", "stream");
  const options = b.stream_options as { include_usage?: unknown } | null | undefined;
  return { body: b, slug: target.slug, model: target.model, stream: b.stream === true, clientWantsUsage: options?.include_usage === true };
}
