import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { wireFixture } from "../../../testing/fixtures.js";
import { findProvider } from "../../registry.js";
import { assemble, feed, recordedStream } from "./fixture-events.js";
import { anthropicDialect } from "./index.js";

const ident = { id: "chatcmpl-x", created: 1, model: "claude" };

describe("the anthropic dialect", () => {
  it("frames streams as SSE and has no embeddings", () => {
    expect(anthropicDialect.framing).toBe("sse");
    expect(anthropicDialect.embeddingsRequest).toBeUndefined();
  });

  it("reads usage from a native pass-through answer", () => {
    const json = JSON.parse(readFileSync(wireFixture("anthropic/pyd-anthropic-cache-real-api.i1.response.json"), "utf8"));
    expect(anthropicDialect.usageOf(json)).toEqual({ promptTokens: 1532, completionTokens: 33, cachedTokens: 1111, cacheWriteTokens: 418, reasoningTokens: 0 });
    expect(anthropicDialect.usageOf("not json")).toBeNull();
  });

  it("goes from an OpenAI request to an OpenAI stream", async () => {
    const req = await anthropicDialect.chatRequest(
      { messages: [{ role: "user", content: "Hello, how are you?" }], stream: true },
      { provider: findProvider("anthropic")!, baseUrl: "https://api.anthropic.com", credential: "k", model: "claude-sonnet-4-5" },
      true,
    );
    expect(JSON.parse(req.body)).toMatchObject({ model: "claude-sonnet-4-5", stream: true, max_tokens: 4096 });
    const translator = anthropicDialect.chatStream(ident);
    const got = assemble(feed(translator, recordedStream("vercel-anthropic-text-stream.chunks.txt")));
    expect(got.finishReasons).toEqual(["stop"]);
    expect(translator.usage?.completionTokens).toBe(30);
  });

  it("translates errors and JSON answers", () => {
    expect(anthropicDialect.error(529, '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}').error.type).toBe("overloaded_error");
    const json = JSON.parse(readFileSync(wireFixture("anthropic/vercel-anthropic-text.json"), "utf8"));
    expect(anthropicDialect.chatResponse(json, ident).usage).toEqual({ promptTokens: 12, completionTokens: 29, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 });
  });
});
