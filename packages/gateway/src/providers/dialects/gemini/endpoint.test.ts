import { describe, expect, it } from "vitest";
import { GatewayError } from "../../../lib/errors.js";
import { geminiHeaders, geminiVariant, modelPath } from "./endpoint.js";
import { studioTarget, vertexTarget } from "./test-targets.js";

describe("Gemini endpoints", () => {
  it("chooses Vertex from the provider slug", () => {
    expect(geminiVariant({ ...vertexTarget(), baseUrl: "https://proxy.internal/vertex" })).toBe("vertex");
  });
  it("chooses Vertex from an aiplatform base URL, even on an AI Studio-style key (express mode)", () => {
    expect(geminiVariant({ ...studioTarget(), baseUrl: "https://aiplatform.googleapis.com/v1/publishers/google" })).toBe("vertex");
    expect(geminiVariant({ ...studioTarget(), baseUrl: "https://europe-west4-aiplatform.googleapis.com/v1/projects/p/locations/l/publishers/google" })).toBe("vertex");
  });
  it("chooses AI Studio otherwise, including for an unparsable base URL", () => {
    expect(geminiVariant(studioTarget())).toBe("ai-studio");
    expect(geminiVariant({ ...studioTarget(), baseUrl: "not a url" })).toBe("ai-studio");
  });
  it("puts the model and method in the path, never the key", () => {
    expect(modelPath("gemini-2.5-flash", "generateContent")).toBe("/models/gemini-2.5-flash:generateContent");
    expect(modelPath("models/gemini-2.5-pro", "streamGenerateContent?alt=sse")).toBe("/models/gemini-2.5-pro:streamGenerateContent?alt=sse");
    expect(modelPath("publishers/google/models/gemini-2.0-flash", "predict")).toBe("/models/gemini-2.0-flash:predict");
  });
  it("refuses an empty model name", () => {
    expect(() => modelPath("models/", "generateContent")).toThrow(GatewayError);
  });
  it("sends AI Studio keys in x-goog-api-key and Vertex tokens as bearer", () => {
    expect(geminiHeaders(studioTarget(), "application/json")).toEqual({ "content-type": "application/json", accept: "application/json", "x-goog-api-key": "AIza-test-key-123" });
    expect(geminiHeaders(vertexTarget(), "text/event-stream")).toEqual({ "content-type": "application/json", accept: "text/event-stream", authorization: "Bearer ya29.test-oauth-token" });
  });
});
