import { invalidRequest } from "../lib/errors.js";
import { callTarget, type ChatRequest, parseModelRequest } from "./parse-chat-request.js";

/** An embeddings request, in the same frame as a chat request (it never streams). */
export function parseEmbeddingsRequest(raw: Buffer, slugFromPath: string | null = null): ChatRequest {
  const b = parseModelRequest(raw);
  const input = b.input;
  const validInput =
    (typeof input === "string" && input !== "") ||
    (Array.isArray(input) && input.length > 0 && input.every((x) => typeof x === "string" || typeof x === "number" || (Array.isArray(x) && x.every((n) => typeof n === "number"))));
  if (!validInput) throw invalidRequest("'input' must be a non-empty string, a list of strings, or token ids", "invalid_input", "input");
  if (b.encoding_format !== undefined && b.encoding_format !== "float" && b.encoding_format !== "base64") {
    throw invalidRequest("'encoding_format' must be float or base64", "invalid_encoding_format", "encoding_format");
  }
  const target = callTarget(b.model, slugFromPath);
  return { body: b, slug: target.slug, model: target.model, stream: false, clientWantsUsage: false };
}
