import { describe, expect, it } from "vitest";
import { PROVIDERS } from "../../registry.js";
import { cohereDialect } from "./index.js";
import { recordedEvents, recordedJson, recordedText } from "./recorded-fixtures.js";

const provider = PROVIDERS.find((p) => p.slug === "cohere")!;
const target = { provider, baseUrl: provider.baseUrl!, credential: "co-key", model: "command-a-03-2025" };
const ident = { id: "chatcmpl-1", created: 1700000000, model: "command-a-03-2025" };

describe("the Cohere dialect", () => {
  it("is registered for the cohere provider and frames streams as SSE", () => {
    expect(provider.dialect).toBe("cohere");
    expect(cohereDialect.framing).toBe("sse");
  });

  it("round-trips a chat call through the Dialect interface", async () => {
    const request = await cohereDialect.chatRequest({ model: "@cohere/command-a-03-2025", messages: [{ role: "user", content: "Capital of France?" }] }, target, false);
    expect(request.path).toBe("/v2/chat");
    const { body, usage } = cohereDialect.chatResponse(recordedJson("vercel-cohere-text.json"), ident);
    expect(body.choices[0]!.message.content).toBe("The capital of France is Paris.");
    expect(usage?.promptTokens).toBe(12);
  });

  it("streams through a fresh translator per call", () => {
    const a = cohereDialect.chatStream(ident);
    const b = cohereDialect.chatStream(ident);
    for (const event of recordedEvents("vercel-cohere-text-stream.chunks.txt")) a.push(event);
    expect(a.finished).toBe(true);
    expect(a.usage?.completionTokens).toBe(7);
    expect(b.finished).toBe(false);
  });

  it("reads native answers' usage and translates errors", () => {
    expect(cohereDialect.usageOf(recordedJson("pyd-cohere-cached-tokens.i0.response.json"))).toMatchObject({ promptTokens: 2406, cachedTokens: 2399 });
    expect(cohereDialect.error(404, recordedText("pyd-cohere-embed-404.i0.response.json")).error.type).toBe("not_found_error");
  });

  it("embeds through the Dialect interface", async () => {
    const request = await cohereDialect.embeddingsRequest!({ input: "hello" }, { ...target, model: "embed-v4.0" });
    expect(request.path).toBe("/v2/embed");
    const { usage } = cohereDialect.embeddingsResponse!(recordedJson("pyd-cohere-embed.i0.response.json"), { input: "hello" }, "embed-v4.0");
    expect(usage?.promptTokens).toBe(4);
  });
});
