import { describe, expect, it } from "vitest";
import { cacheKey, canonical, normaliseRequest } from "./cache-key.js";

const messages = [
  { role: "system", content: "Be brief." },
  { role: "user", content: "Hello" },
];
const base = { model: "@openai-prod/gpt-4o-mini", messages };
const key = (body: Record<string, unknown>, extra: { orgId?: string; endpoint?: string; partition?: string } = {}) =>
  cacheKey({ orgId: extra.orgId ?? "org_1", endpoint: extra.endpoint ?? "chat.completions", body, ...(extra.partition ? { partition: extra.partition } : {}) });

describe("the cache key", () => {
  it("ignores key order at every depth", () => {
    const reordered = { messages: [{ content: "Be brief.", role: "system" }, { content: "Hello", role: "user" }], model: base.model };
    expect(key(reordered)).toBe(key(base));
  });

  it("ignores who asked and how the answer is delivered", () => {
    expect(key({ ...base, user: "alice", stream: true, stream_options: { include_usage: true } })).toBe(key(base));
  });

  it("treats defaults and nulls as absent", () => {
    expect(key({ ...base, temperature: 1, top_p: 1, n: 1, presence_penalty: 0, frequency_penalty: 0, logprobs: false, response_format: { type: "text" }, seed: null })).toBe(key(base));
    expect(key({ input: "hi", model: "@vk/text-embedding-3-small", encoding_format: "float" }, { endpoint: "embeddings" })).toBe(
      key({ input: "hi", model: "@vk/text-embedding-3-small" }, { endpoint: "embeddings" }),
    );
  });

  it("keeps everything that can change the answer", () => {
    const different = [
      { ...base, temperature: 0 },
      { ...base, top_p: 0.9 },
      { ...base, max_tokens: 10 },
      { ...base, seed: 7 },
      { ...base, tools: [{ type: "function", function: { name: "f" } }] },
      { ...base, response_format: { type: "json_object" } },
      { ...base, model: "@openai-prod/gpt-4o" },
      { ...base, messages: [...messages].reverse() },
      { ...base, messages: [messages[0], { role: "user", content: "Hello!" }] },
    ];
    const keys = new Set([key(base), ...different.map((b) => key(b))]);
    expect(keys.size).toBe(different.length + 1);
  });

  it("keeps organisations, endpoints and partitions apart", () => {
    expect(key(base, { orgId: "org_2" })).not.toBe(key(base));
    expect(key(base, { endpoint: "passthrough" })).not.toBe(key(base));
    expect(key(base, { partition: "provider:groq" })).not.toBe(key(base));
    expect(key(base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("normalises to canonical JSON a person can read", () => {
    expect(normaliseRequest("chat.completions", { temperature: 0.2, model: "m", user: "u", messages: [{ role: "user", content: "x" }] })).toBe(
      '{"messages":[{"content":"x","role":"user"}],"model":"m","temperature":0.2}',
    );
    expect(canonical({ b: [1, undefined, { d: 1, c: "é" }], a: undefined })).toBe('{"b":[1,null,{"c":"é","d":1}]}');
  });
});
