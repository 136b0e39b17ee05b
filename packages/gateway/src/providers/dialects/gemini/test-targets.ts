import { findProvider } from "../../registry.js";
import type { Target } from "../dialect.js";

/** Targets for the dialect's tests: the registry's own Google entries, with customer URLs where Vertex needs one. */
export function studioTarget(model = "gemini-2.5-flash"): Target {
  return { provider: findProvider("google")!, baseUrl: "https://generativelanguage.googleapis.com/v1beta", credential: "AIza-test-key-123", model };
}

export function vertexTarget(model = "gemini-2.5-flash"): Target {
  return {
    provider: findProvider("vertex-ai")!,
    baseUrl: "https://us-central1-aiplatform.googleapis.com/v1/projects/acme/locations/us-central1/publishers/google",
    credential: "ya29.test-oauth-token",
    model,
  };
}
