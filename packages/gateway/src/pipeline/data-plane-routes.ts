import { chatCompletionsCall, embeddingsCall } from "./chat-completions.js";
import type { CallSpec } from "./handle-call.js";
import { mediaCall } from "./media-routes.js";
import { nativeCall } from "./native-routes.js";

const SLUG = "([a-z0-9][a-z0-9_-]{1,63})";
/** `/llm/<slug>/<rest>`: a virtual key's native routes, in its provider's own API shape. */
const NATIVE_PREFIX = new RegExp(`^/llm/${SLUG}/(.+)$`);

// The OpenAI routes' specs hold no per-request state: built once.
const CHAT = chatCompletionsCall(null);
const EMBEDDINGS = embeddingsCall(null);

/** The data-plane call a POST to this path is, or null (the admin app answers it). */
export function matchCall(method: string | undefined, path: string, query: string): CallSpec | null {
  if (method !== "POST") return null;
  switch (path) {
    case "/v1/chat/completions":
    case "/v1/infer":
      return CHAT;
    case "/v1/embeddings":
      return EMBEDDINGS;
  }
  if (path.startsWith("/v1/")) return mediaCall(path.slice(3), null);
  const native = path.startsWith("/llm/") ? NATIVE_PREFIX.exec(path) : null;
  if (!native) return null;
  const [, slug, rest] = native as unknown as [string, string, string];
  switch (rest) {
    case "v1/chat/completions":
      return chatCompletionsCall(slug);
    case "v1/embeddings":
      return embeddingsCall(slug);
  }
  if (rest.startsWith("v1/")) {
    const media = mediaCall(rest.slice(2), slug);
    if (media) return media;
  }
  return nativeCall(slug, rest, query);
}
