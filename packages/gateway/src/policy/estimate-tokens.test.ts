import { describe, expect, it } from "vitest";
import { estimateInputTokens, requestedMaxTokens } from "./estimate-tokens.js";

describe("estimating input tokens", () => {
  it("counts text with a real tokenizer, not characters / 4", () => {
    const text = "antidisestablishmentarianism ".repeat(20);
    const tokens = estimateInputTokens({ messages: [{ role: "user", content: text }] });
    expect(tokens).toBeGreaterThan(20);
    expect(tokens).not.toBe(Math.ceil(text.length / 4) + 6);
    // One short English sentence: a handful of tokens plus framing.
    expect(estimateInputTokens({ messages: [{ role: "user", content: "Hello, how are you?" }] })).toBe(6 + 6);
  });

  it("adds text parts, images, tool calls and tool definitions", () => {
    const plain = estimateInputTokens({ messages: [{ role: "user", content: "describe" }] });
    const withImage = estimateInputTokens({
      messages: [{ role: "user", content: [{ type: "text", text: "describe" }, { type: "image_url", image_url: { url: "data:..." } }] }],
    });
    expect(withImage).toBe(plain + 85);
    const withTools = estimateInputTokens({ messages: [{ role: "user", content: "describe" }], tools: [{ type: "function", function: { name: "get_weather" } }] });
    expect(withTools).toBeGreaterThan(plain);
    expect(estimateInputTokens({ messages: [{ role: "assistant", content: null, tool_calls: [{ function: { name: "f", arguments: '{"city":"Paris"}' } }] }] })).toBeGreaterThan(6);
  });

  it("ignores junk without failing", () => {
    expect(estimateInputTokens({ messages: [null, 3, { content: { weird: true } }] })).toBe(6);
    expect(estimateInputTokens({})).toBe(3);
  });

  it("reads max_completion_tokens before max_tokens", () => {
    expect(requestedMaxTokens({ max_tokens: 100, max_completion_tokens: 50 })).toBe(50);
    expect(requestedMaxTokens({ max_tokens: 100 })).toBe(100);
    expect(requestedMaxTokens({ max_tokens: -1 })).toBeNull();
    expect(requestedMaxTokens({})).toBeNull();
  });
});
