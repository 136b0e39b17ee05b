import { describe, expect, it } from "vitest";
import { completion, openAIUsage, toolArguments, usageChunk } from "./openai-shapes.js";

const ident = { id: "chatcmpl-1", created: 1700000000, model: "m" };
const usage = { promptTokens: 100, completionTokens: 30, cachedTokens: 60, cacheWriteTokens: 10, reasoningTokens: 12 };

describe("OpenAI shapes", () => {
  it("writes usage with cached, cache-write and reasoning details", () => {
    expect(openAIUsage(usage)).toEqual({
      prompt_tokens: 100,
      completion_tokens: 30,
      total_tokens: 130,
      prompt_tokens_details: { cached_tokens: 60, cache_write_tokens: 10 },
      completion_tokens_details: { reasoning_tokens: 12 },
    });
  });
  it("ends a stream with a choices-less usage chunk", () => {
    const c = usageChunk(ident, usage);
    expect(c.choices).toEqual([]);
    expect(c.usage?.total_tokens).toBe(130);
  });
  it("omits tool_calls and reasoning when there are none", () => {
    const body = completion(ident, { content: "hi", finishReason: "stop", usage: null });
    expect(body.choices[0]!.message).toEqual({ role: "assistant", content: "hi", refusal: null });
    expect(body.usage).toBeUndefined();
  });
  it("normalises empty tool arguments to {}", () => {
    expect(toolArguments("")).toBe("{}");
    expect(toolArguments(undefined)).toBe("{}");
    expect(toolArguments(null)).toBe("{}");
    expect(toolArguments({})).toBe("{}");
    expect(toolArguments({ a: 1 })).toBe('{"a":1}');
    expect(toolArguments('{"a":1}')).toBe('{"a":1}');
  });
});
