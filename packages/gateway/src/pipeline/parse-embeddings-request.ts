import { invalidRequest } from "../lib/errors.js";
import type { ChatRequest } from "./parse-chat-request.js";
import { splitModel } from "./parse-chat-request.js";

/** An embeddings request, in the same frame as a chat request (it never streams). */
export function parseEmbeddingsRequest(raw: Buffer, slugFromPath: string | null = null): ChatRequest {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString("utf8"));
  } catch {
    throw invalidRequest("The request body is not valid JSON.", "invalid_json");
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) throw invalidRequest("The request body must be a JSON object.", "invalid_body");
  const b = body as Record<string, unknown>;
  if (typeof b.model !== "string" || b.model === "") throw invalidRequest("you must provide a model parameter", "missing_model", "model");
  const input = b.input;
  const validInput =
    (typeof input === "string" && input !== "") ||
    (Array.isArray(input) && input.length > 0 && input.every((x) => typeof x === "string" || typeof x === "number" || (Array.isArray(x) && x.every((n) => typeof n === "number"))));
  if (!validInput) throw invalidRequest("'input' must be a non-empty string, a list of strings, or token ids", "invalid_input", "input");
  if (b.encoding_format !== undefined && b.encoding_format !== "float" && b.encoding_format !== "base64") {
    throw invalidRequest("'encoding_format' must be float or base64", "invalid_encoding_format", "encoding_format");
  }
  const target = slugFromPath === null ? splitModel(b.model) : { slug: slugFromPath, model: b.model };
  if (!target) {
    throw invalidRequest(`Model "${b.model}" must name a virtual key: "@<virtual-key>/<model>", e.g. "@openai-prod/text-embedding-3-small".`, "invalid_model_format", "model");
  }
  return { body: b, slug: target.slug, model: target.model, stream: false, clientWantsUsage: false };
}
