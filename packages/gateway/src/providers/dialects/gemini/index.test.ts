import { describe, expect, it } from "vitest";
import { geminiDialect } from "./index.js";
import { googleEvents, googleJson, googleText } from "./test-fixtures.js";
import { studioTarget, vertexTarget } from "./test-targets.js";

const ident = { id: "chatcmpl-x", created: 1, model: "gemini-2.5-flash" };

describe("the gemini dialect", () => {
  it("speaks SSE and offers every translation, embeddings included", () => {
    expect(geminiDialect.framing).toBe("sse");
    expect(typeof geminiDialect.embeddingsRequest).toBe("function");
    expect(typeof geminiDialect.embeddingsResponse).toBe("function");
  });
  it("is one transform for both services: the same request body to AI Studio and Vertex", async () => {
    const body = { messages: [{ role: "user", content: "hi" }], temperature: 0.3, reasoning_effort: "low" };
    const studio = await geminiDialect.chatRequest(body, studioTarget(), true);
    const vertex = await geminiDialect.chatRequest(body, vertexTarget(), true);
    expect(vertex.body).toBe(studio.body);
    expect(vertex.path).toBe(studio.path);
    expect(studio.headers["x-goog-api-key"]).toBeDefined();
    expect(vertex.headers.authorization).toMatch(/^Bearer /);
  });
  it("wires the response, stream, usage and error translations", () => {
    expect(geminiDialect.chatResponse(googleJson("vercel-google-text.json"), ident).usage?.reasoningTokens).toBe(244);
    const stream = geminiDialect.chatStream(ident);
    googleEvents("vercel-google-text-stream.chunks.txt").forEach((e) => stream.push(e));
    expect(stream.finished).toBe(true);
    expect(geminiDialect.usageOf(googleJson("fb-vertex-implicit-caching.json"))?.cachedTokens).toBe(11243);
    expect(geminiDialect.error(429, googleText("vercel-google-429-retry-info.json")).error.type).toBe("rate_limit_error");
  });
});
