import { invalidRequest } from "../../../lib/errors.js";
import { authHeaders } from "../../auth-headers.js";
import type { Target } from "../dialect.js";

/** The two Google services that speak this dialect; they differ only in embeddings and in the base URL. */
export type GeminiVariant = "ai-studio" | "vertex";

/**
 * Vertex when the provider is `vertex-ai` or the base URL is a Vertex host (`…aiplatform.googleapis.com`,
 * which also covers Vertex express mode reached with an API key); AI Studio otherwise.
 */
export function geminiVariant(target: Pick<Target, "provider" | "baseUrl">): GeminiVariant {
  if (target.provider.slug === "vertex-ai") return "vertex";
  let host = "";
  try {
    host = new URL(target.baseUrl).hostname.toLowerCase();
  } catch {
    host = "";
  }
  return host.endsWith("aiplatform.googleapis.com") ? "vertex" : "ai-studio";
}

/** The bare model id: clients may write `models/x` or Vertex's `publishers/google/models/x`. */
export function modelId(model: string): string {
  const id = model.replace(/^(publishers\/[^/]+\/)?models\//, "");
  if (!id) throw invalidRequest("A Gemini model name is required, e.g. @google/gemini-2.5-flash.", "model_not_found", "model");
  return id;
}

/** Both services put operations at `<base>/models/<model>:<method>`; the credential never goes in the URL. */
export function modelPath(model: string, method: string): string {
  return `/models/${encodeURIComponent(modelId(model))}:${method}`;
}

export function geminiHeaders(target: Pick<Target, "provider" | "credential">, accept: string): Record<string, string> {
  return { "content-type": "application/json", accept, ...authHeaders(target.provider.authStyle, target.credential) };
}
