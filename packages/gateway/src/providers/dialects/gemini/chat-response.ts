import type { Usage } from "../../usage.js";
import type { OpenAIChatCompletion, StreamIdentity } from "../dialect.js";
import { completion } from "../shared/openai-shapes.js";
import { isObject, objectsIn } from "./json-read.js";
import { promptBlocked } from "./map-finish-reason.js";
import { readCandidate } from "./read-candidate.js";
import { readUsageMetadata } from "./read-usage.js";

/**
 * A generateContent answer as a chat.completion: one choice per candidate (several when `n` asked for
 * them), named after the model version Gemini reports. A blocked prompt has no candidates and becomes
 * an empty answer finished by content_filter.
 */
export function chatResponse(json: unknown, ident: StreamIdentity): { body: OpenAIChatCompletion; usage: Usage | null } {
  const response = isObject(json) ? json : {};
  const usage = readUsageMetadata(response.usageMetadata);
  const named = typeof response.modelVersion === "string" && response.modelVersion ? { ...ident, model: response.modelVersion } : ident;
  const candidates = objectsIn(response.candidates);
  if (candidates.length === 0) {
    return { body: completion(named, { content: "", finishReason: promptBlocked(response) ? "content_filter" : "stop", usage }), usage };
  }
  const choices = candidates.map((candidate, position) => {
    const message = readCandidate(candidate);
    const choice = completion(named, { ...message, usage: null }).choices[0]!;
    choice.index = typeof candidate.index === "number" ? candidate.index : position;
    return choice;
  });
  const body = completion(named, { content: null, finishReason: null, usage });
  body.choices = choices.sort((a, b) => a.index - b.index);
  return { body, usage };
}
