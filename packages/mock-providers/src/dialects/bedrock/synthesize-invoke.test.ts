import { describe, expect, it } from "vitest";
import { synthesizeInvoke } from "./synthesize-invoke.js";

describe("synthesizeInvoke", () => {
  it("answers Titan and Cohere embedding bodies", () => {
    expect(synthesizeInvoke("amazon.titan-embed-text-v2:0", { inputText: "hello world" })).toMatchObject({ inputTextTokenCount: 4, embedding: expect.any(Array) });
    const cohere = synthesizeInvoke("cohere.embed-english-v3", { texts: ["a"] }) as { embeddings: number[][] };
    expect(cohere.embeddings[0]).toHaveLength(16);
  });

  it("answers Anthropic message bodies as a Messages API message", () => {
    const answer = synthesizeInvoke("anthropic.claude-3-haiku", { anthropic_version: "bedrock-2023-05-31", max_tokens: 9, messages: [{ role: "user", content: "hi" }] });
    expect(answer).toMatchObject({ type: "message", model: "anthropic.claude-3-haiku" });
  });

  it("answers nothing for a body it does not know", () => {
    expect(synthesizeInvoke("meta.llama3", { prompt: "hi" })).toBeUndefined();
  });
});
